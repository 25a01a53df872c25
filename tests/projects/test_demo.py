"""The demo fiches read like the real thing: every section filled, invented figures marked,
and the replications the domain brief tells of."""

import pytest
from django.db import models
from django.urls import reverse

from members import demo as members_demo
from members.models import Zone
from projects import demo
from projects.models import Adoption, Project

pytestmark = pytest.mark.django_db

# Written by staff during the review, not by the zone: not a section of the fiche.
NOT_SECTIONS = {"review_comment"}
# What an unfinished text looks like, in the languages of the demo.
PLACEHOLDERS = ("lorem", "todo", "tbd", "placeholder", "à compléter", "xxx", "...")
DEMO_MARKS = ("démonstration", "demogegevens", "demobedrag")


def sections():
    """Every text section of a fiche, from the model: a section added later must be filled too."""
    return [
        field.name
        for field in Project._meta.get_fields()
        if isinstance(field, models.TextField) and field.name not in NOT_SECTIONS
    ]


@pytest.fixture
def seeded():
    members_demo.seed()
    demo.seed()
    return {spec["key"]: Project.objects.get(title=spec["title"]) for spec in demo.PROJECTS}


def test_there_are_the_seven_real_projects(seeded):
    assert len(seeded) == 7
    assert {project.title for project in seeded.values()} >= {
        "Lutte contre le harcèlement de rue",
        "Véloflic",
        "Senior Focus",
        "Coffee with a Cop",
        "TeamSchool",
        "Hortense Padup",
        "Framed",
    }


def test_no_section_of_a_demo_fiche_is_empty_or_a_placeholder(seeded):
    problems = []
    for key, project in seeded.items():
        for name in sections():
            text = getattr(project, name).strip()
            if len(text) < 20:
                problems.append(f"{key}.{name} is empty or too short: {text!r}")
            elif any(mark in text.lower() for mark in PLACEHOLDERS):
                problems.append(f"{key}.{name} is a placeholder: {text!r}")
            elif text == demo.OLD_PLACEHOLDER or text.strip("*() ").startswith("Données de"):
                problems.append(f"{key}.{name} holds only the demo note")
        for relation in ("themes", "pillars", "functions", "partners", "budget_lines"):
            if not getattr(project, relation).exists():
                problems.append(f"{key} has no {relation}")
        if not (project.start_date and project.contact_email):
            problems.append(f"{key} lacks its start date or contact")
    assert problems == []


def test_invented_figures_are_marked_as_demo_data(seeded):
    for project in seeded.values():
        assert any(mark in project.staffing.lower() for mark in DEMO_MARKS), project.title
        for line in project.budget_lines.all():
            assert any(mark in line.label.lower() for mark in DEMO_MARKS), line.label


def test_a_demo_fiche_shows_every_section_to_a_visitor(client, seeded):
    project = seeded["senior-focus"]
    content = client.get(project.get_absolute_url()).content.decode()
    for name in ("objectives", "staffing", "timeline", "prerequisites", "kit"):
        first_words = " ".join(getattr(project, name).split()[:3])
        assert first_words in content, name


def test_veloflic_extension_to_the_six_brussels_zones_shows_as_adoptions(seeded):
    veloflic = seeded["veloflic"]
    numbers = [str(number) for number in range(5339, 5345)]
    brussels = Zone.objects.filter(region="brussels", number__in=numbers)
    others = set(brussels.exclude(pk=veloflic.owner_zone_id))
    implemented = Adoption.objects.filter(project=veloflic).implemented()
    assert len(others) == 5
    assert {adoption.zone for adoption in implemented} == others
    assert {adoption.implemented_on.isoformat() for adoption in implemented} == {"2023-07-01"}


def test_the_fiche_page_lists_the_brussels_zones_that_took_it_up(client, seeded):
    veloflic = seeded["veloflic"]
    content = client.get(veloflic.get_absolute_url()).content.decode()
    for adoption in Adoption.objects.filter(project=veloflic).select_related("zone"):
        assert adoption.zone.name in content


def test_seeding_again_changes_nothing(seeded):
    def state():
        return [
            (p.pk, *(getattr(p, name) for name in sections()), p.budget_lines.count())
            for p in Project.objects.order_by("pk")
        ] + [Adoption.objects.count()]

    before = state()
    demo.seed()
    assert state() == before


def test_an_older_demo_fiche_gets_its_missing_sections(seeded):
    old = seeded["coffee"]
    Project.objects.filter(pk=old.pk).update(lessons=demo.OLD_PLACEHOLDER, objectives="", kit="")
    Project.objects.filter(pk=seeded["framed"].pk).update(kit="Written by the zone itself.")

    demo.seed()

    old.refresh_from_db()
    assert old.lessons.startswith("Le format est peu coûteux")
    assert old.objectives and old.kit
    assert Project.objects.get(pk=seeded["framed"].pk).kit == "Written by the zone itself."


def test_the_catalogue_lists_the_public_demo_fiches(client, seeded):
    content = client.get(reverse("projects:list")).content.decode()
    assert "Véloflic" in content
    assert "TeamSchool" not in content  # members only
