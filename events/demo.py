"""Demo data of the events app: a past seminar with its attendance, the next seminar with its
workshops, a year of midis de la proximité (some past, some to come, one full).

Called by the `seed_demo` command after the members' demo data; idempotent: each event has
a fixed slug, and its registrations are made only when it has none. Dates are set relative
to the day of the first run.
"""

import datetime
import itertools

from django.utils import timezone

from members.models import User

from .models import Event, Registration, Session, SessionChoice, nth_weekday_dates

FIRST_NAMES = [
    "Sarah", "Thomas", "Inès", "Pieter", "Fatima", "Luc", "Anke", "Mehdi", "Claire", "Bram",
    "Nadia", "Olivier", "Els", "Yassine", "Marie", "Koen", "Aurélie", "Jonas", "Leïla", "Benoît",
]  # fmt: skip
LAST_NAMES = [
    "Dupont", "Janssens", "Maes", "Lejeune", "Claes", "Benali", "Wouters", "Lambert", "Goossens",
    "Mertens", "Dubois", "Willems", "Hermans", "Laurent", "Smets", "Bouzid", "Martin", "Jacobs",
]  # fmt: skip
ORGANISATIONS = [
    "Zone de police Liège",
    "PolBru",
    "Zone Boraine",
    "Parquet de Namur",
    "Plan de prévention de Charleroi",
    "ASBL Praxis",
    "Politiezone Gent",
    "Zone Bruxelles-Nord",
]
PLACE = "Palais des Congrès de Namur\nPlace d'Armes 1, 5000 Namur"
MIDI_PLACE = "Maison de la Prévention\nRue Haute 10, 1000 Bruxelles"


def seed():
    today = timezone.localdate()
    demo_people = User.objects.filter(email__endswith="@intersection.demo")
    people = {user.email: user for user in demo_people}
    past = _past_seminar(today)
    upcoming = _upcoming_seminar(today, people)
    midis = _midis(today, people)
    history = _history(today)
    full = next(event for event in midis if event.slug == "demo-midi-full")
    return [
        "",
        "Events: /events/ (agenda), the demo has:",
        f"  a past seminar with attendance: {past.get_absolute_url()}",
        f"  the next seminar, with workshops: {upcoming.get_absolute_url()}",
        f"  {len(midis)} midis de la proximité; a full one with a waiting list:"
        f" {full.get_absolute_url()}",
        f"  check-in (staff, or reference.polbru as host): {full.get_absolute_url()}check-in/",
        f"  {len(history)} past seminars and midis of earlier years, for the indicators",
    ]


def _at(day, hour, minute=0):
    tz = timezone.get_default_timezone()
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def _event(slug, **fields):
    event, _created = Event.objects.get_or_create(slug=slug, defaults=fields)
    return event


def _guests(event, count, *, attended=0, start=0):
    """`count` partner registrations with made-up names; the first `attended` came."""
    if event.registrations.exists():
        return
    names = itertools.islice(itertools.product(LAST_NAMES, FIRST_NAMES), start, start + count)
    now = min(timezone.now(), event.starts_at - datetime.timedelta(days=3))
    rows = []
    for n, (last, first) in enumerate(names):
        rows.append(
            Registration(
                event=event,
                guest_name=f"{first} {last}",
                guest_organisation=ORGANISATIONS[n % len(ORGANISATIONS)],
                email=f"{first}.{last}.{n}@partenaire.demo".lower(),
                status=Registration.Status.CONFIRMED,
                created_at=now - datetime.timedelta(minutes=count - n),
                confirmed_at=now,
                attended=n < attended,
                checked_in_at=event.starts_at if n < attended else None,
                photo_consent=n % 3 != 0,
                photo_consent_at=now,
                publication_consent=n % 3 == 1,
                publication_consent_at=now,
            )
        )
    Registration.objects.bulk_create(rows)


def _member(event, user, *, status=Registration.Status.CONFIRMED, attended=False, minutes=0):
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None:
        return existing
    moment = min(timezone.now(), event.starts_at) - datetime.timedelta(days=2, minutes=-minutes)
    return Registration.objects.create(
        event=event,
        user=user,
        zone_id=user.zone_id,
        **{
            "status": status,
            "created_at": moment,
            "confirmed_at": moment if status == Registration.Status.CONFIRMED else None,
            "queued_at": moment if status == Registration.Status.WAITING else None,
            "attended": attended,
            "registered_by": user,
            "photo_consent": True,
            "photo_consent_at": moment,
            "dietary_needs": "Végétarien" if not attended else "",
        },
    )


def _past_seminar(today):
    day = today - datetime.timedelta(days=370)
    event = _event(
        "demo-seminaire-passe",
        kind=Event.Kind.SEMINAR,
        title="Séminaire annuel et remise du Prix Intersection",
        description="Ateliers, retours d'expérience des zones et remise des prix.",
        audience=Event.Audience.PUBLIC,
        starts_at=_at(day, 9),
        ends_at=_at(day, 17),
        place=PLACE,
        capacity=200,
        open_to_partners=True,
    )
    _guests(event, 172, attended=161)
    return event


def _upcoming_seminar(today, people):
    day = today + datetime.timedelta(days=75)
    event = _event(
        "demo-seminaire-a-venir",
        kind=Event.Kind.SEMINAR,
        title="Séminaire annuel 2027 : la proximité qui se partage",
        description=(
            "La journée du réseau : conférence d'ouverture, ateliers en parallèle le matin et"
            " l'après-midi, vote du public et cérémonie du Prix Intersection."
        ),
        audience=Event.Audience.PUBLIC,
        starts_at=_at(day, 9),
        ends_at=_at(day, 17),
        place=PLACE,
        capacity=180,
        open_to_partners=True,
        registration_opens_at=_at(today - datetime.timedelta(days=10), 9),
        cancellation_notice=datetime.timedelta(days=7),
    )
    if not event.sessions.exists():
        workshops = [
            (10, "Harcèlement de rue : l'approche liégeoise", 40),
            (10, "Véloflic : rendre les vélos volés", 40),
            (10, "Senior Focus, dix ans après", 40),
            (14, "Coffee with a Cop : organiser la rencontre", 30),
            (14, "TeamSchool : la police et les écoles", 30),
            (14, "Évaluer un projet de proximité", 30),
        ]
        Session.objects.bulk_create(
            [
                Session(
                    event=event,
                    title=title,
                    starts_at=_at(day, hour),
                    ends_at=_at(day, hour + 1, 30),
                    capacity=capacity,
                    room=f"Salle {n + 1}",
                )
                for n, (hour, title, capacity) in enumerate(workshops)
            ]
        )
    _guests(event, 64)
    member = people.get("member.polbru@intersection.demo")
    if member:
        registration = _member(event, member)
        first = event.sessions.order_by("starts_at", "pk").first()
        SessionChoice.objects.get_or_create(
            registration=registration, session=first, defaults={"slot": first.starts_at}
        )
    return event


def _midis(today, people):
    first = (today.replace(day=1) - datetime.timedelta(days=160)).replace(day=1)
    dates = nth_weekday_dates(first=first, weekday=3, nth=1, count=12)
    host = people.get("reference.polbru@intersection.demo")
    themes = [
        "Le policier de quartier et les réseaux sociaux",
        "Senior Focus : la boîte qui sauve",
        "Travailler avec le parquet sur le harcèlement de rue",
        "Les écoles et la police : TeamSchool",
        "Mesurer la confiance des habitants",
        "Coffee with a Cop, l'été venu",
        "Les vols à la fausse qualité : Hortense Padup",
        "Framed : filmer avec les jeunes",
        "Le budget d'un projet de proximité",
        "Partenariats avec les ASBL",
        "Accueil des victimes au commissariat",
        "Vélos volés : la méthode Véloflic",
    ]
    upcoming = [day for day in dates if day > today]
    full_day = upcoming[0] if upcoming else None
    events = []
    for n, day in enumerate(dates):
        is_full = day == full_day
        slug = "demo-midi-full" if is_full else f"demo-midi-{n + 1}"
        event = _event(
            slug,
            kind=Event.Kind.MIDI,
            title=f"Midi de la proximité : {themes[n]}",
            description="Une heure pour écouter une zone raconter son projet, questions comprises.",
            audience=Event.Audience.PUBLIC if n % 2 == 0 else Event.Audience.MEMBERS,
            starts_at=_at(day, 12),
            ends_at=_at(day, 13, 30),
            place=MIDI_PLACE,
            online_url="https://meet.example.org/midi-proximite",
            capacity=12 if is_full else 40,
            open_to_partners=n % 2 == 0,
        )
        if host:
            event.hosts.add(host)
        if day < today:
            _guests(event, 18 + n, attended=14 + n, start=n * 7)
        elif is_full:
            _guests(event, 12, start=n * 7)
            for minutes, email in enumerate(
                ["member.liege@intersection.demo", "reference.liege@intersection.demo"]
            ):
                if email in people:
                    _member(
                        event, people[email], status=Registration.Status.WAITING, minutes=minutes
                    )
        events.append(event)
    return events


# Earlier years, so that the indicators tell a story: the seminar growing into its target
# band, the midis rising towards a hundred participants a year.
HISTORY = {
    # years before this one: (seminar: registered, came), (midis: how many, people at each)
    5: ((150, 131), (4, 9)),
    4: ((162, 146), (5, 12)),
    3: ((176, 158), (6, 14)),
    2: ((190, 172), (6, 16)),
    1: (None, (7, 12)),  # last year's seminar is the "past seminar" above
}


def _history(today):
    events = []
    for back, (seminar_figures, (midi_count, per_midi)) in HISTORY.items():
        year = today.year - back
        if seminar_figures is not None:
            events.append(_past_year_seminar(year, *seminar_figures, start=back * 11))
        for n in range(midi_count):
            day = datetime.date(year, 2 + n * 1, 6 + n)
            midi = _event(
                f"demo-midi-{year}-{n + 1}",
                kind=Event.Kind.MIDI,
                title=f"Midi de la proximité {year} n° {n + 1}",
                audience=Event.Audience.PUBLIC,
                starts_at=_at(day, 12),
                ends_at=_at(day, 13, 30),
                place=MIDI_PLACE,
                capacity=40,
                open_to_partners=True,
            )
            _guests(midi, per_midi + 3, attended=per_midi, start=back * 13 + n * 5)
            events.append(midi)
    return events


def _past_year_seminar(year, registered, came, *, start):
    seminar = _event(
        f"demo-seminaire-{year}",
        kind=Event.Kind.SEMINAR,
        title=f"Séminaire annuel {year}",
        audience=Event.Audience.PUBLIC,
        starts_at=_at(datetime.date(year, 10, 14), 9),
        ends_at=_at(datetime.date(year, 10, 14), 17),
        place=PLACE,
        capacity=200,
        open_to_partners=True,
    )
    _guests(seminar, registered, attended=came, start=start)
    return seminar
