import html

import pytest

from awards.models import Phase
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
)
from tests.factories import make_project, make_user


@pytest.fixture
def edition(db):
    return make_edition(year=2026, phase=Phase.SCORING)


@pytest.fixture
def jury_prize(edition):
    return make_prize(edition=edition)


@pytest.fixture
def criteria(jury_prize):
    return [
        make_criterion(prize=jury_prize, weight=2, maximum=10, name_en="Problem analysis"),
        make_criterion(
            prize=jury_prize, weight=1, maximum=5, name_en="Presentation", required=False
        ),
    ]


@pytest.fixture
def entry_a(edition, zone_a, member_a):
    project = make_project(zone=zone_a, title="Lutte contre le harcèlement de rue", by=member_a)
    return make_entry(edition=edition, project=project, entered_by=member_a)


@pytest.fixture
def entry_b(edition, zone_b, member_b):
    project = make_project(zone=zone_b, title="Véloflic", by=member_b)
    return make_entry(edition=edition, project=project, entered_by=member_b)


@pytest.fixture
def juror(jury_prize, zone_b):
    """A juror of zone B on the jury prize, with a second factor."""
    user = make_user(zone=zone_b, totp=True, first_name="Jan", last_name="Jurylid")
    return make_juror(prize=jury_prize, user=user)


@pytest.fixture
def other_juror(jury_prize):
    """A juror without a zone (the Québec delegation, say)."""
    user = make_user(totp=True, first_name="Marie", last_name="Tremblay")
    return make_juror(prize=jury_prize, user=user)


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text_of(response):
    return html.unescape(response.content.decode())
