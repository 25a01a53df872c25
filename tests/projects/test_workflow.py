"""Writing a fiche through the site, its budget and files, its review by staff, and its
replication by another zone: each step as the people involved do it, through the pages.

Pages are asked for in English, so the texts asserted here are the source strings of the
templates and views.
"""

import html
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects import services
from projects.models import (
    Adoption,
    BudgetLine,
    Partner,
    Project,
    ProjectImage,
    ProjectRevision,
)
from tests.factories import make_adoption, make_project, make_zone


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text_of(response):
    return html.unescape(response.content.decode())


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def section(response, testid):
    """The inner text of the element marked data-testid=`testid`, tags kept."""
    content = text_of(response)
    start = content.index(f'data-testid="{testid}"')
    end = content.index("</section>", start)
    return content[start:end]


def listed_titles(response):
    return re.findall(
        r'<li class="project-card">\s*<h2><a href="[^"]*">([^<]*)</a>', text_of(response)
    )


FICHE = {
    "title": "Coffee with a Cop",
    "summary": "Officers and residents talk over coffee, **without agenda**.",
    "contact_name": "Nathalie Dubois",
    "contact_email": "proximite@police-liege.be",
    "project_status": "running",
    "language": "fr",
    "evaluation_kind": "internal",
    "outcome": "promising",
    "approach": "One morning a month in a café of the neighbourhood.",
}


def fiche_data(**overrides):
    return {**FICHE, **overrides}


# Writing a fiche


def test_a_member_writes_a_draft_for_their_zone(client_for, member_a, zone_a):
    response = client_for(member_a).post(reverse("projects:create"), fiche_data(), follow=True)

    fiche = Project.objects.get()
    assert response.redirect_chain[-1][0] == fiche.get_absolute_url()
    assert "The fiche was saved as a draft. Add its budget and photos." in messages_of(response)
    assert fiche.owner_zone == zone_a
    assert fiche.created_by == member_a
    assert fiche.status == Project.Status.DRAFT
    assert fiche.published_at is None
    revision = fiche.revisions.get()
    assert (revision.action, revision.author) == ("created", member_a)


def test_forged_workflow_fields_are_ignored(client_for, member_a, zone_a, zone_b):
    forged = fiche_data(
        owner_zone=zone_b.pk,
        status="published",
        visibility="public",
        published_at="2020-01-01 10:00",
        created_by=zone_b.pk,
        budget_total="99999",
        slug="forged-slug",
    )

    client_for(member_a).post(reverse("projects:create"), forged)

    fiche = Project.objects.get()
    assert fiche.owner_zone == zone_a
    assert fiche.status == Project.Status.DRAFT
    assert fiche.visibility == Project.Visibility.MEMBERS
    assert fiche.published_at is None
    assert fiche.budget_total == 0
    assert fiche.slug == "coffee-with-a-cop"


def test_forged_workflow_fields_are_ignored_when_editing(client_for, member_a, zone_a, zone_b):
    fiche = make_project(zone=zone_a, by=member_a, status="draft", **FICHE)

    client_for(member_a).post(
        reverse("projects:edit", args=[fiche.slug]),
        fiche_data(owner_zone=zone_b.pk, status="published", visibility="public"),
    )

    fiche.refresh_from_db()
    assert fiche.owner_zone == zone_a
    assert fiche.status == Project.Status.DRAFT
    assert fiche.published_at is None


def test_editing_a_published_fiche_keeps_it_published_and_records_what_changed(
    client_for, member_a, zone_a
):
    fiche = make_project(zone=zone_a, by=member_a, **FICHE)
    published_at = fiche.published_at

    response = client_for(member_a).post(
        reverse("projects:edit", args=[fiche.slug]),
        fiche_data(title="Coffee with a Cop in Liège", outcome="worked"),
        follow=True,
    )

    fiche.refresh_from_db()
    assert "Your changes were saved." in messages_of(response)
    assert fiche.status == Project.Status.PUBLISHED
    assert fiche.published_at == published_at
    assert fiche.slug == "coffee-with-a-cop"
    revision = fiche.revisions.get(action="edited")
    assert revision.author == member_a
    assert set(revision.changes) == {"title", "outcome"}
    assert revision.changes["title"]["old"] == "Coffee with a Cop"
    assert revision.changes["title"]["new"] == "Coffee with a Cop in Liège"
    assert revision.changes["outcome"]["old"] == "promising"
    assert revision.changes["outcome"]["new"] == "worked"


@pytest.mark.parametrize("reader", ["member_a", "reference_a", "staff"])
def test_the_history_shows_who_changed_what_to_the_zone_and_staff(
    client_for, personas, member_a, zone_a, reader
):
    fiche = make_project(zone=zone_a, by=member_a, **FICHE)
    client_for(member_a).post(
        reverse("projects:edit", args=[fiche.slug]), fiche_data(title="Coffee with a Cop 2")
    )

    content = text_of(
        client_for(personas[reader]).get(reverse("projects:history", args=[fiche.slug]))
    )

    assert "Julien Renard" in content
    assert "Edited" in content
    assert "<del>Coffee with a Cop</del> → Coffee with a Cop 2" in content


def test_the_history_shows_labels_not_codes(client_for, member_a, staff, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, status="draft", **FICHE)
    client_for(member_a).post(
        reverse("projects:edit", args=[fiche.slug]), fiche_data(project_status="ended")
    )
    services.submit(project=fiche, by=member_a)
    services.send_back(project=fiche, comment="Add the budget, please.", by=staff)
    fiche.refresh_from_db()
    services.submit(project=fiche, by=member_a)
    services.publish(project=fiche, visibility=Project.Visibility.MEMBERS, by=staff)

    content = text_of(client_for(member_a).get(reverse("projects:history", args=[fiche.slug])))

    for label in ("Sent for review", "Sent back to the zone", "Published", "Edited"):
        assert label in content
    assert "<del>Running</del> → Ended" in content
    assert "<dt>Visibility</dt><dd>Members only</dd>" in content
    assert "Add the budget, please." in content
    for code in ("sent_back", "submitted", ">visibility<", ">members<", "running", "— published"):
        assert code not in content


def test_the_history_is_closed_to_another_zone(client_for, member_a, member_b, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, **FICHE)

    response = client_for(member_b).get(reverse("projects:history", args=[fiche.slug]))

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"title": ""}, "This field is required."),
        (
            {"start_date": "2024-06-01", "end_date": "2024-01-31"},
            "The project cannot end before it starts.",
        ),
        ({"links": "https://www.liege.be\nnot a link"}, "“not a link” is not a web address."),
        ({"links": "javascript:alert(1)"}, "“javascript:alert(1)” is not a web address."),
        (
            {"new_partner_name": "Parquet de Liège", "new_partner_kind": ""},
            "Say what kind of organisation the partner is.",
        ),
    ],
    ids=["empty title", "end before start", "bad link", "javascript link", "partner kind"],
)
def test_a_form_error_keeps_what_was_typed_and_says_what_is_wrong(
    client_for, member_a, typed, message
):
    response = client_for(member_a).post(reverse("projects:create"), fiche_data(**typed))

    content = text_of(response)
    assert response.status_code == 200
    assert "Some fields need your attention; what you typed is kept." in content
    assert message in content
    assert "One morning a month in a café of the neighbourhood." in content
    assert 'value="proximite@police-liege.be"' in content
    assert not Project.objects.exists()


def test_a_form_error_on_an_edit_changes_nothing(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, **FICHE)

    response = client_for(member_a).post(
        reverse("projects:edit", args=[fiche.slug]),
        fiche_data(title="", summary="A new summary"),
    )

    fiche.refresh_from_db()
    assert response.status_code == 200
    assert "A new summary" in text_of(response)
    assert fiche.title == "Coffee with a Cop"
    assert not fiche.revisions.filter(action="edited").exists()


def test_a_new_partner_is_created_once_and_offered_to_the_next_fiche(client_for, member_a):
    client = client_for(member_a)
    partner = {
        "new_partner_name": "Plan de prévention de Liège",
        "new_partner_kind": "prevention_plan",
    }

    client.post(reverse("projects:create"), fiche_data(**partner))
    client.post(reverse("projects:create"), fiche_data(title="Senior Focus", **partner))
    form = text_of(client.get(reverse("projects:create")))

    created = Partner.objects.get()
    assert (created.name, created.kind) == ("Plan de prévention de Liège", "prevention_plan")
    assert [set(fiche.partners.all()) for fiche in Project.objects.all()] == [{created}] * 2
    assert f'value="{created.pk}"' in form
    assert "Plan de prévention de Liège" in form


def test_the_co_owner_zones_cannot_include_the_own_zone(client_for, member_a, zone_a, zone_b):
    form = client_for(member_a).get(reverse("projects:create")).context["form"]

    assert list(form.fields["co_owner_zones"].queryset) == [zone_b]


# The budget


def budget_data(lines, prefix="budget_lines"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(lines)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, (label, category, amount, funding) in enumerate(lines):
        data |= {
            f"{prefix}-{n}-label": label,
            f"{prefix}-{n}-category": category,
            f"{prefix}-{n}-amount": amount,
            f"{prefix}-{n}-funding": funding,
        }
    return data


BUDGET = [
    ("Overtime of two officers", "staff", "1200", "zone"),
    ("Flyers", "communication", "300.50", "commune"),
    ("Coffee machine", "equipment", "2000", "region"),
    ("Training day", "staff", "500", "region"),
    ("", "", "", ""),  # an extra line left empty
]


def test_the_budget_is_saved_and_the_fiche_shows_its_totals(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a)
    client = client_for(member_a)

    response = client.post(reverse("projects:budget", args=[fiche.slug]), budget_data(BUDGET))

    assert response.status_code == 302
    assert BudgetLine.objects.filter(project=fiche).count() == 4
    fiche.refresh_from_db()
    assert fiche.budget_total == Decimal("4000.50")
    budget = section(client.get(fiche.get_absolute_url()), "budget")
    for label in ("Overtime of two officers", "Flyers", "Coffee machine", "Training day"):
        assert f"<td>{label}</td>" in budget
    assert re.search(r'data-testid="budget-total"><strong>€4,000.50</strong>', budget)
    per_category = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", budget.split("Per funding")[0])
    per_source = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", budget.split("Per funding")[1])
    assert dict(per_category) == {
        "Staff costs": "€1,700.00",
        "Communication": "€300.50",
        "Equipment": "€2,000.00",
    }
    assert dict(per_source) == {
        "Police zone": "€1,200.00",
        "Commune": "€300.50",
        "Region": "€2,500.00",
    }


def test_a_budget_line_can_be_changed_and_deleted(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a)
    client = client_for(member_a)
    url = reverse("projects:budget", args=[fiche.slug])
    client.post(url, budget_data(BUDGET[:2]))
    kept, deleted = BudgetLine.objects.filter(project=fiche)
    data = budget_data(
        [("Overtime", "staff", "1500", "zone"), ("Flyers", "communication", "300.50", "commune")]
    )
    data |= {
        "budget_lines-INITIAL_FORMS": "2",
        "budget_lines-0-id": kept.pk,
        "budget_lines-1-id": deleted.pk,
        "budget_lines-1-DELETE": "on",
    }

    client.post(url, data)

    fiche.refresh_from_db()
    assert list(fiche.budget_lines.values_list("label", "amount")) == [
        ("Overtime", Decimal("1500.00"))
    ]
    assert fiche.budget_total == Decimal("1500.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "An amount cannot be negative."),
        ("99999999999", "An amount above €10,000,000 is not plausible for one line."),
        ("10000000.01", "An amount above €10,000,000 is not plausible for one line."),
        ("a lot", "Write a number such as 3,200.50."),
        ("1e400", "Write a number such as 3,200.50."),
        ("NaN", "Write a number such as 3,200.50."),
    ],
    ids=["negative", "absurd", "just above the limit", "not a number", "exponent", "nan"],
)
def test_a_wrong_amount_is_refused_clearly_and_nothing_is_saved(
    client_for, member_a, zone_a, amount, message
):
    fiche = make_project(zone=zone_a, by=member_a)
    lines = [BUDGET[0], ("Flyers", "communication", amount, "commune")]

    response = client_for(member_a).post(
        reverse("projects:budget", args=[fiche.slug]), budget_data(lines)
    )

    assert response.status_code == 200
    assert message in text_of(response)
    assert not BudgetLine.objects.exists()
    fiche.refresh_from_db()
    assert fiche.budget_total == 0


def test_another_zone_cannot_change_the_budget(client_for, member_b, zone_a):
    fiche = make_project(zone=zone_a)

    response = client_for(member_b).post(
        reverse("projects:budget", args=[fiche.slug]), budget_data(BUDGET[:1])
    )

    assert response.status_code == 403
    assert not BudgetLine.objects.exists()


# Photos through the site (the checks themselves are tested in test_uploads.py)


def png_bytes(size=(64, 48)):
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_photo_is_stored_with_a_thumbnail_and_shown_on_the_fiche(
    client_for, member_a, zone_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    fiche = make_project(zone=zone_a, by=member_a)
    client = client_for(member_a)

    response = client.post(
        reverse("projects:files", args=[fiche.slug]),
        {"image-image": upload("patrol.png", png_bytes()), "image-caption": "Bike patrol"},
        follow=True,
    )

    assert "The photo was added." in messages_of(response)
    photo = ProjectImage.objects.get(project=fiche)
    assert photo.uploaded_by == member_a
    assert photo.image.name.endswith(".png")
    assert photo.thumbnail.name.endswith("_thumb.png")
    assert len(stored_files(tmp_path)) == 2
    page = text_of(client_for(None).get(fiche.get_absolute_url()))
    thumbnail = re.search(r'<img src="([^"]+)" alt="Bike patrol"', page).group(1)
    served = client_for(None).get(thumbnail)
    assert served.status_code == 200
    assert Image.open(BytesIO(b"".join(served.streaming_content))).format == "PNG"


def test_a_text_file_named_jpg_is_refused_and_nothing_is_stored(
    client_for, member_a, zone_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    fiche = make_project(zone=zone_a, by=member_a)

    response = client_for(member_a).post(
        reverse("projects:files", args=[fiche.slug]),
        {"image-image": upload("photo.jpg", b"just some text, not a photo\n" * 20)},
    )

    assert response.status_code == 200
    assert "Upload a valid image." in text_of(response)
    assert not ProjectImage.objects.exists()
    assert stored_files(tmp_path) == []


def test_the_photo_of_a_members_only_fiche_is_not_served_to_the_public(
    client_for, member_a, member_b, zone_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    fiche = make_project(zone=zone_a, by=member_a, visibility="members")
    client_for(member_a).post(
        reverse("projects:files", args=[fiche.slug]),
        {"image-image": upload("patrol.png", png_bytes())},
    )
    photo = ProjectImage.objects.get()
    url = reverse("projects:photo_thumbnail", args=[fiche.slug, photo.pk])

    assert client_for(member_b).get(url).status_code == 200
    assert client_for(None).get(url).status_code == 404


# Review by staff


def test_a_member_sends_the_draft_for_review(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, status="draft")

    response = client_for(member_a).post(reverse("projects:submit", args=[fiche.slug]), follow=True)

    fiche.refresh_from_db()
    assert "Sent to the association for review." in messages_of(response)
    assert fiche.status == Project.Status.SUBMITTED
    assert fiche.submitted_at is not None
    assert fiche.revisions.filter(action="submitted", author=member_a).exists()
    assert "Waiting for review by the association." in text_of(response)


def test_a_fiche_already_sent_cannot_be_sent_again(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted")

    response = client_for(member_a).post(reverse("projects:submit", args=[fiche.slug]), follow=True)

    assert "Only a draft can be sent for review." in messages_of(response)


@pytest.mark.parametrize(
    ("decision", "visibility", "public_sees_it"),
    [("publish_public", "public", True), ("publish_members", "members", False)],
)
def test_staff_publish_a_submitted_fiche(
    client_for, staff, member_a, member_b, zone_a, decision, visibility, public_sees_it
):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted", title="Senior Focus")
    url = reverse("projects:review", args=[fiche.slug])
    client = client_for(staff)
    assert client.get(url).status_code == 200

    response = client.post(url, {"decision": decision}, follow=True)

    fiche.refresh_from_db()
    assert "Your decision was recorded." in messages_of(response)
    assert fiche.status == Project.Status.PUBLISHED
    assert fiche.visibility == visibility
    assert fiche.published_at is not None
    assert fiche.revisions.filter(action="published", author=staff).exists()
    assert ("Senior Focus" in listed_titles(client_for(None).get(reverse("projects:list")))) is (
        public_sees_it
    )
    assert "Senior Focus" in listed_titles(client_for(member_b).get(reverse("projects:list")))


def test_staff_cannot_publish_a_draft_the_zone_has_not_sent(client_for, staff, zone_a):
    fiche = make_project(zone=zone_a, status="draft")

    response = client_for(staff).post(
        reverse("projects:review", args=[fiche.slug]), {"decision": "publish_public"}
    )

    fiche.refresh_from_db()
    assert response.status_code == 200
    assert "Only a fiche sent for review can be published." in text_of(response)
    assert fiche.status == Project.Status.DRAFT


def test_staff_send_a_fiche_back_with_a_comment_and_the_author_is_told(
    client_for, staff, member_a, zone_a, mailoutbox, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted", title="Senior Focus")
    comment = "Please add the budget of the second year."

    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("projects:review", args=[fiche.slug]),
            {"decision": "send_back", "comment": comment},
        )

    fiche.refresh_from_db()
    assert fiche.status == Project.Status.DRAFT
    assert fiche.review_comment == comment
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member_a.email]
    assert "Senior Focus" in mailoutbox[0].subject
    assert comment in mailoutbox[0].body
    page = text_of(client_for(member_a).get(fiche.get_absolute_url()))
    assert comment in page


def test_sending_back_without_a_comment_is_refused(client_for, staff, member_a, zone_a, mailoutbox):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted")

    response = client_for(staff).post(
        reverse("projects:review", args=[fiche.slug]), {"decision": "send_back", "comment": " "}
    )

    fiche.refresh_from_db()
    assert response.status_code == 200
    assert "Tell the zone what to change." in text_of(response)
    assert fiche.status == Project.Status.SUBMITTED
    assert mailoutbox == []


def test_a_member_cannot_publish_their_own_fiche(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted")

    response = client_for(member_a).post(
        reverse("projects:review", args=[fiche.slug]), {"decision": "publish_public"}
    )

    fiche.refresh_from_db()
    assert response.status_code == 403
    assert fiche.status == Project.Status.SUBMITTED


def test_an_archived_fiche_keeps_its_link_with_a_notice_and_leaves_the_list(
    client_for, member_a, member_b, zone_a, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, title="Hortense Padup")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_a).post(
            reverse("projects:archive", args=[fiche.slug]), {"confirmed": "yes"}, follow=True
        )

    fiche.refresh_from_db()
    assert "The fiche was archived. Its link keeps working." in messages_of(response)
    assert fiche.status == Project.Status.ARCHIVED
    for reader in (None, member_b):
        client = client_for(reader)
        page = client.get(fiche.get_absolute_url())
        assert page.status_code == 200
        assert "This fiche is archived: it is kept for reference and no longer listed." in (
            text_of(page)
        )
        catalogue = client.get(reverse("projects:list"))
        assert "Hortense Padup" not in listed_titles(catalogue)
        assert "No fiche" in text_of(catalogue)


def test_archiving_asks_for_confirmation_and_changes_nothing_before(
    client_for, member_a, zone_a, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, title="Hortense Padup")
    url = reverse("projects:archive", args=[fiche.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_a).post(url)

    assert response.status_code == 200
    content = text_of(response)
    assert "Archive the fiche?" in content
    assert 'name="confirmed" value="yes"' in content
    fiche.refresh_from_db()
    assert fiche.status == Project.Status.PUBLISHED
    assert not fiche.revisions.filter(action="archived").exists()


@pytest.mark.parametrize("action", ["submit", "archive"])
def test_another_zone_cannot_submit_or_archive_the_fiche(
    client_for, member_b, member_a, zone_a, action
):
    fiche = make_project(zone=zone_a, by=member_a)

    response = client_for(member_b).post(reverse(f"projects:{action}", args=[fiche.slug]))

    fiche.refresh_from_db()
    assert response.status_code == 403
    assert fiche.status == Project.Status.PUBLISHED


@pytest.mark.parametrize("action", ["submit", "archive"])
def test_another_zone_does_not_even_find_the_draft(client_for, member_b, member_a, zone_a, action):
    fiche = make_project(zone=zone_a, by=member_a, status="draft")

    response = client_for(member_b).post(reverse(f"projects:{action}", args=[fiche.slug]))

    fiche.refresh_from_db()
    assert response.status_code == 404
    assert fiche.status == Project.Status.DRAFT


# Replication by another zone


@pytest.fixture
def shared(zone_a, member_a):
    """Zone A's published fiche, with a functional mailbox as its contact."""
    return make_project(
        zone=zone_a,
        by=member_a,
        title="Coffee with a Cop",
        contact_email="proximite@police-liege.be",
        language="en",
    )


def ask(client, fiche, message):
    return client.post(
        reverse("projects:interest", args=[fiche.slug]), {"message": message}, follow=True
    )


def test_a_member_of_another_zone_asks_about_a_project(
    client_for, member_b, zone_b, shared, mailoutbox, django_capture_on_commit_callbacks
):
    message = "Could you send us the flyer you used in the cafés?"

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client_for(member_b), shared, message)

    assert "Your message was sent to the project's contact; a copy was sent to you." in (
        messages_of(response)
    )
    adoption = Adoption.objects.get()
    assert (adoption.project, adoption.zone, adoption.status) == (shared, zone_b, "interested")
    assert adoption.contacted_by == member_b
    assert adoption.message == message
    to_contact, copy = mailoutbox
    assert to_contact.to == ["proximite@police-liege.be"]
    assert to_contact.reply_to == [member_b.email]
    assert message in to_contact.body
    assert "Reply directly to this mail: your answer reaches Lotte Peeters." in to_contact.body
    assert "Bruxelles-Capitale/Ixelles" in to_contact.body
    assert "Bruxelles-Capitale/Ixelles" in to_contact.subject
    assert member_b.email in to_contact.body
    assert copy.to == [member_b.email]
    assert message in copy.body
    assert "proximite@police-liege.be" in copy.body


def test_asking_again_keeps_the_first_contact_and_adds_to_the_history(
    client_for, member_b, reference_b, shared, mailoutbox, django_capture_on_commit_callbacks
):
    ask(client_for(member_b), shared, "First question.")

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client_for(reference_b), shared, "Second question.")

    assert (
        "Your message was sent to the project's contact and added to your zone's follow-up;"
        " a copy was sent to you."
    ) in messages_of(response)
    adoption = Adoption.objects.get()
    assert adoption.message == "First question."
    assert adoption.contacted_by == member_b
    history = [(event.by, event.message) for event in adoption.events.contacts()]
    assert history == [(member_b, "First question."), (reference_b, "Second question.")]
    assert "Second question." in mailoutbox[0].body
    assert mailoutbox[0].reply_to == [reference_b.email]


def test_a_title_forged_with_a_line_break_does_not_break_the_mail_to_the_contact(
    client_for, member_a, member_b, staff, mailoutbox, django_capture_on_commit_callbacks
):
    client_for(member_a).post(
        reverse("projects:create"), fiche_data(title="Coffee\nBcc: someone@example.org")
    )
    fiche = Project.objects.get()
    client_for(member_a).post(reverse("projects:submit", args=[fiche.slug]))
    client_for(staff).post(
        reverse("projects:review", args=[fiche.slug]), {"decision": "publish_members"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client_for(member_b), fiche, "Hello")

    assert response.status_code == 200
    to_contact, copy = mailoutbox
    for sent in (to_contact, copy):
        assert "\n" not in sent.subject
        assert sent.bcc == []
    assert to_contact.to == ["proximite@police-liege.be"]
    assert copy.to == [member_b.email]


def test_a_zone_cannot_adopt_its_own_project(client_for, reference_a, shared, mailoutbox):
    response = ask(client_for(reference_a), shared, "Can we take it over?")

    assert "Your zone owns this project: it cannot replicate it." in messages_of(response)
    assert not Adoption.objects.exists()
    assert mailoutbox == []


def test_a_co_owner_zone_cannot_adopt_the_project_either(client_for, member_b, zone_b, shared):
    shared.co_owner_zones.add(zone_b)

    response = ask(client_for(member_b), shared, "Can we take it over?")

    assert "Your zone owns this project: it cannot replicate it." in messages_of(response)
    assert not Adoption.objects.exists()


def test_an_empty_message_is_refused(client_for, member_b, shared):
    response = ask(client_for(member_b), shared, "")

    assert "Write a message of at most 3,000 characters." in messages_of(response)
    assert not Adoption.objects.exists()


def test_the_fiche_page_offers_to_ask_only_to_other_zones(client_for, member_a, member_b, shared):
    offer = "We are interested in this project"

    assert offer in text_of(client_for(member_b).get(shared.get_absolute_url()))
    assert offer not in text_of(client_for(member_a).get(shared.get_absolute_url()))
    assert offer not in text_of(client_for(None).get(shared.get_absolute_url()))


def adoption_url(adoption):
    return reverse("projects:adoption_edit", args=[adoption.pk])


def test_the_adopting_zone_moves_the_record_to_implemented(
    client_for, member_b, reference_b, zone_a, zone_b, shared
):
    ask(client_for(member_b), shared, "Interested.")
    adoption = Adoption.objects.get()
    client = client_for(reference_b)

    client.post(adoption_url(adoption), {"status": "preparing", "note": "Budget asked."})
    adoption.refresh_from_db()
    assert adoption.status == "preparing"
    response = client.post(
        adoption_url(adoption),
        {"status": "implemented", "implemented_on": "2025-03-15", "note": "Started in Ixelles."},
        follow=True,
    )

    adoption.refresh_from_db()
    assert "Your zone's follow-up was updated." in messages_of(response)
    assert adoption.status == "implemented"
    assert str(adoption.implemented_on) == "2025-03-15"
    assert adoption.note == "Started in Ixelles."
    replications = section(client_for(None).get(shared.get_absolute_url()), "replications")
    assert "No zone is interested." in replications
    assert "1 zone has implemented it." in replications
    assert "Bruxelles-Capitale/Ixelles (PolBru)" in replications
    assert "implemented in March 2025" in replications
    zone_b_page = client_for(None).get(reverse("projects:zone", args=[zone_b.slug]))
    assert "Coffee with a Cop" in section(zone_b_page, "zone-replicated")
    assert "Coffee with a Cop" not in section(zone_b_page, "zone-replicated-by-others")
    zone_a_page = client_for(None).get(reverse("projects:zone", args=[zone_a.slug]))
    took_over = section(zone_a_page, "zone-replicated-by-others")
    assert "Bruxelles-Capitale/Ixelles (PolBru)" in took_over
    assert "Coffee with a Cop" in took_over
    assert "Coffee with a Cop" not in section(zone_a_page, "zone-replicated")


def test_implemented_without_a_date_is_refused(client_for, member_b, zone_b, shared):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b)

    response = client_for(member_b).post(adoption_url(adoption), {"status": "implemented"})

    adoption.refresh_from_db()
    assert response.status_code == 200
    assert "Give the date the project was implemented." in text_of(response)
    assert adoption.status == "interested"


def test_a_dropped_record_leaves_the_counts_of_the_fiche(client_for, member_b, zone_b, shared):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b, status="preparing")

    client_for(member_b).post(adoption_url(adoption), {"status": "dropped", "note": "No budget."})

    adoption.refresh_from_db()
    assert adoption.status == "dropped"
    replications = section(client_for(None).get(shared.get_absolute_url()), "replications")
    assert "No zone is interested." in replications
    assert "Bruxelles-Capitale/Ixelles" not in replications


def test_the_fiche_counts_the_interested_zones(client_for, member_b, zone_b, shared):
    make_adoption(project=shared, zone=zone_b, by=member_b)
    make_adoption(project=shared, zone=make_zone(name="Namur"), status="preparing")
    make_adoption(project=shared, zone=make_zone(name="Gent"), status="implemented")

    replications = section(client_for(member_b).get(shared.get_absolute_url()), "replications")

    assert "2 zones are interested." in replications
    assert "1 zone has implemented it." in replications
    assert "Your zone's follow-up: Interested." in replications


def test_another_zone_cannot_touch_the_adoption_record(
    client_for, member_a, reference_a, member_b, zone_b, shared
):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b)

    for intruder in (member_a, reference_a):
        client = client_for(intruder)
        assert client.get(adoption_url(adoption)).status_code == 404
        response = client.post(
            adoption_url(adoption), {"status": "dropped", "implemented_on": "", "note": "x"}
        )
        assert response.status_code == 404

    adoption.refresh_from_db()
    assert adoption.status == "interested"


def test_a_draft_cannot_be_asked_about(client_for, member_b, zone_a):
    draft = make_project(zone=zone_a, status="draft")

    response = client_for(member_b).post(
        reverse("projects:interest", args=[draft.slug]), {"message": "Hello"}
    )

    assert response.status_code == 404
    assert not Adoption.objects.exists()


def test_my_fiches_page_lists_the_zones_records(client_for, member_b, zone_b, shared):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b, status="preparing")

    content = text_of(client_for(member_b).get(reverse("projects:mine")))

    assert "Coffee with a Cop" in content
    assert adoption_url(adoption) in content


def test_revisions_of_the_fiche_are_kept_in_order(client_for, member_a, zone_a):
    client = client_for(member_a)
    client.post(reverse("projects:create"), fiche_data())
    fiche = Project.objects.get()
    client.post(reverse("projects:budget", args=[fiche.slug]), budget_data(BUDGET[:1]))
    client.post(reverse("projects:submit", args=[fiche.slug]))

    actions = list(ProjectRevision.objects.filter(project=fiche).values_list("action", flat=True))

    assert actions == ["submitted", "budget", "created"]
