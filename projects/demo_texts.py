"""The sections of the demo fiches, written from what is public about each project; figures
that had to be invented for the demo are marked so in the text."""

DEMO_FR = "*(Données de démonstration : chiffres indicatifs.)*"
DEMO_NL = "*(Demogegevens: indicatieve cijfers.)*"

TEXTS = {
    "harcelement": {
        "summary": (
            "Des policières en civil, suivies à distance par des collègues, parcourent les rues "
            "du centre de Liège pour constater le harcèlement de rue en flagrant délit. Les "
            "primo-délinquants qui reconnaissent les faits peuvent suivre trois séances de "
            "responsabilisation chez l'ASBL Praxis au lieu d'une amende de 50 à 1000 euros. "
            "Prix du jury et prix des personnes de référence 2020, repris par Gent, Bruxelles "
            "et Namur."
        ),
        "problem": (
            "Le harcèlement de rue était rarement signalé et presque jamais constaté : les "
            "victimes ne portaient pas plainte, les faits se passaient en quelques secondes et "
            "les auteurs avaient disparu quand une patrouille arrivait."
        ),
        "data": (
            "Les plaintes pour harcèlement sexiste dans l'espace public se comptaient sur les "
            "doigts d'une main chaque année, alors que les enquêtes de victimation de la Ville "
            "montraient que la majorité des jeunes femmes du centre en avaient été victimes."
        ),
        "causes": (
            "Un sentiment d'impunité chez les auteurs, la banalisation des faits par les témoins, "
            "et une loi de 2014 contre le sexisme dans l'espace public restée sans application "
            "faute de constat."
        ),
        "target_group": (
            "Les auteurs de harcèlement de rue, le plus souvent des hommes jeunes ; les femmes "
            "qui traversent le centre-ville, en particulier les étudiantes."
        ),
        "territory": (
            "Le centre de Liège : le Carré, la place Saint-Lambert, les abords de la gare des "
            "Guillemins et les arrêts de bus les plus fréquentés."
        ),
        "objectives": (
            "Constater les faits en flagrant délit, faire savoir que le harcèlement de rue est "
            "puni, et éviter la récidive des primo-délinquants par une mesure éducative plutôt "
            "que par la seule amende."
        ),
        "approach": (
            "- patrouilles de policières en civil dans les lieux signalés\n"
            "- une équipe d'appui à distance qui intervient dès le constat\n"
            "- procès-verbal ou avertissement formel, transmis au parquet\n"
            "- alternative à l'amende : trois séances de responsabilisation chez Praxis"
        ),
        "rationale": (
            "Le constat en flagrant délit lève l'obstacle de la preuve ; la mesure éducative "
            "agit sur la représentation des faits chez l'auteur, ce que l'amende seule ne fait "
            "pas."
        ),
        "staffing": (
            "Quatre policières volontaires en civil et deux à trois collègues d'appui par "
            "sortie, soit environ 0,5 ETP sur l'été ; un magistrat de référence au parquet. "
            + DEMO_FR
        ),
        "timeline": (
            "Printemps 2020 : accord avec le parquet et Praxis. Juin 2020 : premières sorties. "
            "Été 2020 : 26 interpellations. Automne 2020 : évaluation et prix Intersection. "
            "Depuis : sorties chaque été et lors des grands événements."
        ),
        "difficulties": (
            "Protéger les policières en civil sans rendre l'équipe d'appui visible ; obtenir du "
            "parquet un traitement rapide pour que la mesure reste liée aux faits."
        ),
        "tips": (
            "Signer l'accord avec le parquet avant la première sortie ; choisir des volontaires "
            "et les débriefer après chaque sortie ; annoncer l'action dans la presse une fois "
            "les premiers constats faits, pas avant."
        ),
        "results": (
            "Été 2020 : **26 personnes interpellées**, 16 procès-verbaux, 10 avertissements "
            "formels. Le projet a été contacté par trois zones bruxelloises dans les mois qui "
            "ont suivi, puis repris par Gent, Bruxelles et Namur."
        ),
        "lessons": (
            "Le constat en civil ne suffit pas : c'est l'accord avec le parquet et l'alternative "
            "éducative qui donnent un sens à l'interpellation. La visibilité médiatique a "
            "encouragé les victimes à signaler les lieux."
        ),
        "prerequisites": (
            "Un accord écrit avec le parquet, une ASBL capable d'animer les séances de "
            "responsabilisation, et des policières volontaires formées au travail en civil."
        ),
        "adaptations": (
            "Les lieux et les horaires selon les signalements locaux ; le partenaire éducatif "
            "selon l'offre de l'arrondissement ; en Flandre, la procédure GAS/SAC de la commune."
        ),
        "kit": (
            "Le protocole avec le parquet, la fiche de débriefing des sorties et le programme "
            "des trois séances de Praxis, disponibles sur demande auprès de la zone."
        ),
    },
    "veloflic": {
        "summary": (
            "Une page Facebook et une petite équipe qui rendent les vélos volés à leurs "
            "propriétaires (33 en 2021, 56 en 2022), des vélos appâts et des actions contre "
            "les receleurs. Étendu aux six zones bruxelloises en juillet 2023."
        ),
        "problem": (
            "Le vol de vélos augmentait avec l'usage du vélo en ville, et les vélos retrouvés "
            "par la police ne revenaient presque jamais à leurs propriétaires."
        ),
        "data": (
            "Plusieurs milliers de vols de vélos déclarés chaque année dans la Région, pour une "
            "part infime de vélos restitués ; les dépôts de la zone étaient pleins de vélos "
            "sans propriétaire identifié."
        ),
        "causes": (
            "Peu de vélos gravés ou enregistrés, des propriétaires qui ne portent pas plainte, "
            "et un recel organisé sur les marchés et les sites de petites annonces."
        ),
        "target_group": ("Les cyclistes victimes de vol ; les voleurs et les receleurs de vélos."),
        "territory": (
            "Le territoire de PolBru (Bruxelles-Ville et Ixelles), puis les six zones de police "
            "de la Région de Bruxelles-Capitale depuis juillet 2023."
        ),
        "objectives": (
            "Rendre davantage de vélos retrouvés à leurs propriétaires, inciter les cyclistes "
            "à porter plainte et à enregistrer leur vélo, et démanteler les filières de recel."
        ),
        "approach": (
            "- une page Facebook publie les vélos retrouvés pour que les propriétaires les "
            "reconnaissent\n"
            "- des vélos appâts équipés de traceurs dans les lieux de vol fréquents\n"
            "- des actions contre les receleurs sur les marchés et en ligne\n"
            "- des séances de gravure et d'enregistrement des vélos"
        ),
        "rationale": (
            "Les propriétaires reconnaissent leur vélo sur une photo bien plus sûrement que par "
            "une description ; les vélos appâts mènent aux receleurs, qui font vivre le vol."
        ),
        "staffing": (
            "Une équipe de trois à quatre policiers, dont deux à temps partiel sur le projet "
            "(environ 2 ETP), avec l'appui ponctuel des services de recherche locale. " + DEMO_FR
        ),
        "timeline": (
            "2019 : lancement de la page et premières restitutions. 2020 : vélos appâts. "
            "2021 : 33 vélos rendus. 2022 : 56 vélos rendus. Juillet 2023 : extension aux six "
            "zones bruxelloises."
        ),
        "difficulties": (
            "Prouver la propriété sans facture ni numéro de cadre ; modérer une page très "
            "suivie ; tenir le rythme des publications avec une petite équipe."
        ),
        "tips": (
            "Publier vite et avec de bonnes photos ; demander un détail que seul le propriétaire "
            "connaît ; associer le service de communication de la zone dès le départ."
        ),
        "results": (
            "33 vélos rendus en 2021, 56 en 2022 ; plusieurs filières de recel démantelées ; "
            "extension aux six zones bruxelloises en juillet 2023."
        ),
        "lessons": (
            "Une page de réseau social tenue par des policiers crée un lien direct avec les "
            "cyclistes et fait remonter des informations sur les receleurs. Le projet a besoin "
            "d'une équipe stable : il ne survit pas à des renforts tournants."
        ),
        "prerequisites": (
            "L'accord de la zone pour une page tenue par des policiers, un local pour stocker "
            "les vélos retrouvés, et des traceurs GPS pour les vélos appâts."
        ),
        "adaptations": (
            "La charte de modération de la page, la durée de conservation des vélos selon le "
            "règlement communal, et le partage de la page entre zones voisines."
        ),
        "kit": (
            "La charte de publication et de modération, le modèle de procès-verbal de "
            "restitution et la procédure des vélos appâts, sur demande."
        ),
    },
    "senior-focus": {
        "summary": (
            "Une boîte gratuite, conservée dans le réfrigérateur, qui contient les données "
            "médicales et les contacts des personnes de plus de 65 ans, pour les services de "
            "secours. Reprise par plus de 40 zones et communes."
        ),
        "problem": (
            "Les secours perdaient un temps précieux à trouver les informations médicales des "
            "aînés isolés : traitements, allergies, personnes à prévenir."
        ),
        "data": (
            "Une part importante des interventions auprès des aînés concernait des personnes "
            "vivant seules, incapables de communiquer leurs antécédents au moment de l'appel."
        ),
        "causes": (
            "L'isolement des aînés, la dispersion des informations médicales et l'absence d'un "
            "endroit connu de tous les intervenants où les trouver."
        ),
        "target_group": "Les personnes de plus de 65 ans, en particulier celles qui vivent seules.",
        "territory": (
            "Les communes de la zone Boraine (Boussu, Colfontaine, Frameries, Hensies, Quaregnon "
            "et Saint-Ghislain), puis plus de 40 zones et communes."
        ),
        "objectives": (
            "Que les secours trouvent en moins d'une minute les informations médicales et les "
            "contacts d'une personne âgée, et rassurer les aînés qui vivent seuls."
        ),
        "approach": (
            "- une boîte numérotée, gratuite, rangée dans le réfrigérateur\n"
            "- une fiche remplie avec le médecin traitant ou un proche\n"
            "- un autocollant sur la porte d'entrée et sur le réfrigérateur\n"
            "- une distribution par les agents de quartier, les CPAS et les pharmacies"
        ),
        "rationale": (
            "Tout domicile a un réfrigérateur, et les secours savent où le trouver ; "
            "l'autocollant leur signale qu'une boîte existe."
        ),
        "staffing": (
            "Les agents de quartier de la zone lors de leurs visites, et un coordinateur à mi-"
            "temps la première année (0,5 ETP). " + DEMO_FR
        ),
        "timeline": (
            "2016 : conception avec les communes et les secours, première distribution. "
            "2017-2018 : mise à jour des fiches. Depuis : reprise par plus de 40 zones et "
            "communes."
        ),
        "difficulties": (
            "Tenir les fiches à jour quand les traitements changent ; convaincre les aînés de "
            "confier des données médicales."
        ),
        "tips": (
            "Associer les médecins généralistes et les pharmaciens ; prévoir une visite de "
            "rappel chaque année ; informer les services d'ambulance et les pompiers avant la "
            "distribution."
        ),
        "results": (
            "Plusieurs milliers de boîtes distribuées dans la zone ; les secours disent gagner "
            "un temps précieux à l'arrivée ; reprise par plus de 40 zones et communes. " + DEMO_FR
        ),
        "lessons": (
            "Un objet simple, gratuit et visible fonctionne mieux qu'un registre informatique. "
            "La mise à jour des fiches est le point faible : elle doit être confiée à quelqu'un."
        ),
        "prerequisites": (
            "L'accord des communes et des services de secours, un budget pour les boîtes, et "
            "un relais de distribution (agents de quartier, CPAS, pharmacies)."
        ),
        "adaptations": (
            "La fiche selon les services de secours locaux, la langue des documents, et les "
            "relais de distribution selon la commune."
        ),
        "kit": (
            "La fiche médicale type, les autocollants, le dépliant pour les aînés et la lettre "
            "aux médecins, disponibles auprès de la zone Boraine."
        ),
    },
    "coffee": {
        "summary": (
            "Lancé le 16 septembre 2019 avec cinq rencontres dans des cafés : six Bruxellois "
            "sur dix ne connaissaient pas leur agent de quartier. Répété chaque été par de "
            "nombreuses zones."
        ),
        "problem": (
            "Six Bruxellois sur dix ne connaissaient pas leur agent de quartier ; beaucoup "
            "n'osaient pas pousser la porte d'un commissariat pour une question simple."
        ),
        "data": (
            "Le moniteur de sécurité montrait une faible connaissance de l'agent de quartier ; "
            "les contacts se limitaient aux plaintes et aux interventions."
        ),
        "causes": (
            "Des agents de quartier peu visibles, des commissariats perçus comme "
            "intimidants, et des contacts avec la police presque toujours liés à un problème."
        ),
        "target_group": (
            "Les habitants et les commerçants du quartier, en particulier ceux qui n'ont jamais "
            "eu affaire à la police."
        ),
        "territory": "Cinq cafés de Bruxelles-Ville et d'Ixelles, choisis avec les commerçants.",
        "objectives": (
            "Faire connaître l'agent de quartier, recueillir les préoccupations des habitants "
            "dans un cadre détendu, et améliorer la confiance envers la police."
        ),
        "approach": (
            "- une rencontre d'une heure et demie dans un café, sans ordre du jour\n"
            "- le café est offert ; agents de quartier et chef de service présents\n"
            "- annonce par affiches dans le quartier et sur les réseaux sociaux\n"
            "- suivi des questions posées par l'agent de quartier"
        ),
        "rationale": (
            "Un lieu familier et un café offert abaissent le seuil de contact ; les habitants "
            "parlent plus librement qu'au guichet."
        ),
        "staffing": (
            "Deux à trois policiers par rencontre, pendant deux heures, et une demi-journée de "
            "préparation par le service communication. " + DEMO_FR
        ),
        "timeline": (
            "Été 2019 : préparation avec les cafés. 16 septembre 2019 : cinq rencontres. "
            "Depuis : une édition chaque été, reprise par de nombreuses zones."
        ),
        "difficulties": (
            "Attirer d'autres personnes que les habitués ; éviter que la rencontre ne devienne "
            "un guichet de plaintes."
        ),
        "tips": (
            "Choisir des cafés fréquentés par des publics variés ; venir en uniforme mais sans "
            "équipement d'intervention ; noter les questions et y répondre à la rencontre "
            "suivante."
        ),
        "results": (
            "Cinq rencontres lors du lancement, plusieurs dizaines d'habitants par rencontre, "
            "et une demande de répétition dans d'autres quartiers. " + DEMO_FR
        ),
        "lessons": (
            "Le format est peu coûteux et apprécié, mais son effet sur la confiance doit être "
            "mesuré : une enquête courte à la sortie aurait aidé."
        ),
        "prerequisites": (
            "Des cafés partenaires, la disponibilité des agents de quartier, et un peu de "
            "communication locale."
        ),
        "adaptations": (
            "Le lieu (café, marché, maison de quartier), la langue des rencontres, et le "
            "moment selon le rythme du quartier."
        ),
        "kit": "Le modèle d'affiche, la lettre aux cafés et la fiche de suivi des questions.",
    },
    "teamschool": {
        "summary": (
            "Des liens suivis avec 163 écoles et 93 crèches de la zone Bruxelles-Nord : un "
            "policier référent par établissement, joignable directement. Prix du jury et prix "
            "du public."
        ),
        "problem": (
            "Les écoles et les crèches ne savaient pas qui appeler pour un problème de sécurité "
            "ou de harcèlement, et la police découvrait les situations trop tard."
        ),
        "data": (
            "163 écoles et 93 crèches sur le territoire de la zone ; des appels dispersés vers "
            "le dispatching pour des questions qui relevaient de la prévention."
        ),
        "causes": (
            "L'absence d'interlocuteur désigné, la rotation des agents, et une image de la "
            "police limitée à l'intervention."
        ),
        "target_group": (
            "Les directions d'école et de crèche, les enseignants, les élèves et leurs parents."
        ),
        "territory": "Schaerbeek, Evere et Saint-Josse-ten-Noode (zone Bruxelles-Nord).",
        "objectives": (
            "Que chaque établissement connaisse son policier référent, et que les problèmes "
            "(sécurité routière, harcèlement, intrusions) soient traités avant de dégénérer."
        ),
        "approach": (
            "- un policier référent par établissement, joignable directement\n"
            "- une visite au début de chaque année scolaire\n"
            "- des animations en classe (sécurité routière, réseaux sociaux)\n"
            "- une présence aux abords aux heures d'entrée et de sortie"
        ),
        "rationale": (
            "Un contact personnel et régulier crée la confiance nécessaire pour que l'école "
            "signale tôt ce qui l'inquiète."
        ),
        "staffing": (
            "Une équipe de six policiers référents, chacun pour une quarantaine "
            "d'établissements, soit environ 3 ETP. " + DEMO_FR
        ),
        "timeline": (
            "2017 : désignation des premiers référents. 2018 : toutes les écoles couvertes. "
            "2019 : extension aux crèches et prix Intersection."
        ),
        "difficulties": (
            "Garder les mêmes référents malgré la rotation du personnel ; couvrir les écoles "
            "des trois réseaux et des deux langues."
        ),
        "tips": (
            "Tenir un annuaire partagé des référents ; prévoir un remplaçant pour chaque "
            "référent ; commencer par les écoles qui le demandent."
        ),
        "results": (
            "163 écoles et 93 crèches suivies ; des signalements plus précoces de harcèlement "
            "et d'intrusions ; prix du jury et prix du public."
        ),
        "lessons": (
            "La continuité de la personne compte plus que le nombre d'animations : une école "
            "appelle quelqu'un qu'elle connaît."
        ),
        "prerequisites": (
            "L'appui de la direction de la zone pour dégager du temps, et l'accord des pouvoirs "
            "organisateurs des écoles."
        ),
        "adaptations": (
            "Le nombre d'établissements par référent, les thèmes des animations, et le bilinguisme "
            "selon la région."
        ),
        "kit": (
            "La lettre aux directions, la fiche de contact du référent et les supports des "
            "animations en classe."
        ),
    },
    "hortense": {
        "summary": (
            "Une campagne contre le vol par ruse, portée par un personnage attachant, Hortense "
            "Padup, qui apprend aux aînés à ne pas ouvrir aux faux techniciens et faux "
            "policiers. Prix de l'originalité."
        ),
        "problem": (
            "Des aînés étaient volés chez eux par des personnes se présentant comme techniciens, "
            "policiers ou agents communaux."
        ),
        "data": (
            "Une série de vols par ruse au domicile de personnes âgées, souvent non déclarés "
            "par honte ; un préjudice moyen de plusieurs centaines d'euros. " + DEMO_FR
        ),
        "causes": (
            "La confiance des aînés envers l'uniforme, l'isolement, et des auteurs mobiles qui "
            "changent de commune."
        ),
        "target_group": "Les personnes âgées vivant à domicile, leurs familles et leurs aidants.",
        "territory": "Les communes de la zone de police Sylle et Dendre.",
        "objectives": (
            "Que les aînés refusent d'ouvrir à un inconnu sans vérification, et qu'ils signalent "
            "les tentatives à la police."
        ),
        "approach": (
            "- un personnage, Hortense Padup, qui donne des conseils avec humour\n"
            "- des dépliants et des capsules vidéo\n"
            "- des séances dans les clubs d'aînés et les maisons de repos\n"
            "- un numéro à appeler pour vérifier l'identité d'un visiteur"
        ),
        "rationale": (
            "Un personnage sympathique se retient mieux qu'une liste de consignes, et l'humour "
            "évite d'infantiliser le public."
        ),
        "staffing": (
            "Deux agents de quartier et le conseiller en prévention, environ 0,3 ETP pendant "
            "la campagne. " + DEMO_FR
        ),
        "timeline": (
            "2018 : création du personnage et des supports. 2018-2019 : séances dans les clubs "
            "d'aînés. 2019 : prix de l'originalité."
        ),
        "difficulties": "Atteindre les aînés les plus isolés, qui ne fréquentent aucun club.",
        "tips": (
            "Passer par les aides familiales et les pharmaciens pour toucher les aînés isolés ; "
            "tester les supports avec un groupe d'aînés."
        ),
        "results": (
            "Plusieurs centaines d'aînés rencontrés lors des séances et une baisse des vols "
            "par ruse signalés la première année. " + DEMO_FR
        ),
        "lessons": (
            "Un personnage crée de la sympathie et fait parler de la campagne ; la mesure de "
            "l'effet reste difficile pour des faits souvent non déclarés."
        ),
        "prerequisites": (
            "Un budget de création graphique et vidéo, et des relais auprès des aînés."
        ),
        "adaptations": (
            "Le personnage peut être repris tel quel ; les numéros et relais sont locaux."
        ),
        "kit": "Les dépliants, les capsules vidéo et le déroulé des séances, sur demande.",
    },
    "framed": {
        "summary": (
            "Een filmtraject van acht sessies waarin jongeren en politie samen een film maken "
            "(juryprijs 2023)."
        ),
        "problem": (
            "Jongeren en politie kenden elkaar vooral van controles en incidenten; het "
            "wantrouwen groeide aan beide kanten."
        ),
        "data": (
            "Veel klachten over identiteitscontroles van jongeren en weinig positieve contacten "
            "tussen jongeren en wijkinspecteurs."
        ),
        "causes": (
            "Vooroordelen aan beide kanten, weinig gelegenheden om elkaar buiten een "
            "interventie te ontmoeten."
        ),
        "target_group": "Jongeren van 15 tot 20 jaar en de politiemensen van hun wijk.",
        "territory": "Gent, in samenwerking met jeugdwerkingen uit verschillende wijken.",
        "objectives": (
            "Wederzijds begrip tussen jongeren en politie versterken en samen een film maken "
            "die hun verhalen vertelt."
        ),
        "approach": (
            "- acht sessies waarin jongeren en politiemensen samen scenario's schrijven en "
            "filmen\n"
            "- begeleiding door jeugdwerkers en een filmploeg\n"
            "- een première voor familie, wijk en korps"
        ),
        "rationale": (
            "Samen iets maken zet jongeren en politie op gelijke voet; de film laat het verhaal "
            "verder reizen dan de deelnemers."
        ),
        "staffing": (
            "Vier politiemensen, twee jeugdwerkers en een filmploeg, ongeveer 0,5 VTE over het "
            "traject. " + DEMO_NL
        ),
        "timeline": (
            "Januari 2023: start met de jeugdwerkingen. Voorjaar 2023: acht sessies. Najaar "
            "2023: première en juryprijs."
        ),
        "difficulties": (
            "Jongeren overtuigen om deel te nemen; de planning van politiemensen in ploegendienst."
        ),
        "tips": (
            "Werk via jeugdwerkers die de jongeren kennen; zorg dat dezelfde politiemensen alle "
            "sessies volgen."
        ),
        "results": (
            "Een afgewerkte film, vertoond voor meer dan tweehonderd mensen, en deelnemers die "
            "elkaar na het traject blijven groeten in de wijk. " + DEMO_NL
        ),
        "lessons": (
            "De sessies zelf zijn belangrijker dan de film: het is het samen werken dat het "
            "beeld verandert."
        ),
        "prerequisites": (
            "Een jeugdwerking als partner, een filmploeg en vrijgemaakte tijd voor de "
            "deelnemende politiemensen."
        ),
        "adaptations": "Het medium (film, podcast, theater) en het aantal sessies.",
        "kit": "Het draaiboek van de acht sessies en de film zelf, op aanvraag.",
    },
}
