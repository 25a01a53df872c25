"""The prize's demo data: the real winners, a current edition in its scoring phase."""

import pytest
from django.urls import reverse

from awards import demo
from awards.models import Award, Edition, Entry, Juror, Phase, Sheet
from events import demo as events_demo
from members import demo as members_demo
from projects import demo as projects_demo
from projects.models import Distinction

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_real_winners_and_a_scoring_edition_and_runs_twice_alike(client):
    members_demo.seed()
    projects_demo.seed()
    events_demo.seed()
    demo.seed()
    first = (
        Edition.objects.count(),
        Entry.objects.count(),
        Award.objects.count(),
        Distinction.objects.count(),
    )
    demo.seed()
    assert (
        Edition.objects.count(),
        Entry.objects.count(),
        Award.objects.count(),
        Distinction.objects.count(),
    ) == first

    winners = {
        (award.prize.edition.year, award.prize.kind, award.entry.title, award.year_uncertain)
        for award in Award.objects.select_related("prize__edition", "entry__project")
    }
    assert (2020, "jury", "Lutte contre le harcèlement de rue", False) in winners
    assert (2020, "reference_persons", "Lutte contre le harcèlement de rue", False) in winners
    assert (2023, "jury", "Framed", False) in winners
    assert (2023, "originality", "Quoi de Neuf Docteur ?", False) in winners
    assert (2019, "originality", "Hortense Padup", True) in winners

    current = Edition.objects.exclude(year__in=[2019, 2020, 2023]).get()
    assert current.current_phase == Phase.SCORING
    assert Entry.objects.filter(edition=current).values("zone").distinct().count() >= 3
    juror = Juror.objects.get(prize__edition=current, user__email="juror@intersection.demo")
    assert sorted(juror.sheets.values_list("status", flat=True)) == [
        Sheet.Status.DRAFT,
        Sheet.Status.SUBMITTED,
    ]
    polbru = Juror.objects.get(prize__edition=current, user__email__startswith="reference.polbru")
    assert Entry.objects.filter(edition=current).concerning_zone(polbru.user.zone_id).count() == 1

    page = client.get(reverse("awards:edition", args=[2020]), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Lutte contre le harcèlement de rue" in page.content.decode()
    fiche = client.get(
        Award.objects.filter(prize__edition__year=2023).first().entry.project.get_absolute_url()
    )
    assert "2023" in fiche.content.decode()
    # The past winners are in the catalogue's "Awarded" facet, and only they.
    awarded = client.get("/projects/", {"awarded": "yes"}, HTTP_ACCEPT_LANGUAGE="fr")
    titles = {project.title for project in awarded.context["page"].object_list}
    published = Award.objects.filter(prize__edition__in=Edition.objects.published()).select_related(
        "entry__project"
    )
    assert {"Lutte contre le harcèlement de rue", "Framed"} <= titles
    assert titles <= {award.entry.project.title for award in published}
