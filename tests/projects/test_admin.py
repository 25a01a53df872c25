"""The admin of the fiches as staff use it: the review queue, the workflow actions, the
inlines, the history, and what can never be deleted."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.forms import CheckboxInput
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects import catalogue
from projects.models import (
    Adoption,
    Attachment,
    BudgetLine,
    Partner,
    Pillar,
    PoliceFunction,
    Project,
    ProjectImage,
    ProjectRevision,
    Theme,
)
from tests.factories import (
    make_adoption,
    make_budget_line,
    make_project,
    make_user,
    make_zone,
)

PROJECTS = "/admin/projects/project/"
ADOPTIONS = "/admin/projects/adoption/"


@pytest.fixture
def english_client(client):
    """The admin in English, so that the assertions read like the messages in the code."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def staff_client(english_client, staff):
    english_client.force_login(staff)
    return english_client


def change_url(obj):
    return f"/admin/projects/{obj._meta.model_name}/{obj.pk}/change/"


def add_image(project):
    return ProjectImage.objects.create(
        project=project,
        image="projects/images/patrol.jpg",
        thumbnail="projects/thumbnails/patrol.jpg",
        caption="Bike patrol at the station",
        uploaded_by=project.created_by,
    )


def add_attachment(project):
    return Attachment.objects.create(
        project=project,
        file="projects/attachments/flyer.pdf",
        title="Flyer for the residents",
        kind="pdf",
        size=48_000,
        uploaded_by=project.created_by,
    )


def posted_form(response, **overrides):
    """What the browser posts back from a change page as shown, with some fields changed:
    the main form, every inline with its management form."""
    forms, data = [response.context["adminform"].form], {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(inline.formset.forms)
    data.update(form_values(*forms))
    data.update(overrides)
    return data


def form_values(*forms):
    """The values the browser posts back for forms as shown."""
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, (list, tuple)):
                data[form.add_prefix(name)] = [str(item) for item in value]
            elif value is not None:
                data[form.add_prefix(name)] = str(value)
    return data


def run_action(client, action, projects, **extra):
    return client.post(
        PROJECTS,
        {"action": action, "_selected_action": [p.pk for p in projects], **extra},
        follow=True,
    )


# Pages


@pytest.fixture
def rows(zone_a, zone_b, member_a, member_b):
    """One of each thing the admin lists, so that every page has something to show."""
    project = make_project(zone=zone_a, by=member_a, title="Vélo-patrouille dans les gares")
    make_budget_line(project=project)
    add_image(project)
    add_attachment(project)
    project.themes.add(Theme.objects.get(slug="bicycle-theft"))
    partner = Partner.objects.create(name="Ville de Liège", kind=Partner.Kind.COMMUNE)
    project.partners.add(partner)
    adoption = make_adoption(project=project, zone=zone_b, by=member_b)
    return {"project": project, "partner": partner, "adoption": adoption}


def admin_urls(rows):
    project, partner, adoption = rows["project"], rows["partner"], rows["adoption"]
    year = project.published_at.year
    return [
        PROJECTS,
        f"{PROJECTS}?q=patrouille",
        f"{PROJECTS}?q=5277",
        f"{PROJECTS}?review=waiting",
        f"{PROJECTS}?year={year}",
        f"{PROJECTS}?status=published&owner_zone__region=wallonia",
        change_url(project),
        f"{PROJECTS}add/",
        ADOPTIONS,
        f"{ADOPTIONS}?q=Bruxelles",
        change_url(adoption),
        "/admin/projects/theme/",
        "/admin/projects/theme/?q=vélo",
        change_url(Theme.objects.get(slug="bicycle-theft")),
        "/admin/projects/theme/add/",
        "/admin/projects/partner/",
        "/admin/projects/partner/?q=Liège",
        change_url(partner),
        "/admin/projects/pillar/",
        change_url(Pillar.objects.first()),
        "/admin/projects/policefunction/",
        change_url(PoliceFunction.objects.first()),
    ]


def test_staff_opens_every_list_search_and_change_page(staff_client, rows):
    for url in admin_urls(rows):
        response = staff_client.get(url)
        assert response.status_code == 200, url


def test_staff_search_finds_a_fiche_by_title_and_by_zone_number(staff_client, rows, zone_b):
    make_project(zone=zone_b, title="Harcèlement de rue")
    for query in ["patrouille", "5277", "Liège"]:
        response = staff_client.get(PROJECTS, {"q": query})
        assert [p.title for p in response.context["cl"].result_list] == [
            "Vélo-patrouille dans les gares"
        ], query


def test_member_gets_no_access_to_the_project_admin(client_for, reference_a, rows):
    client = client_for(reference_a)
    for url in admin_urls(rows):
        response = client.get(url, follow=True)
        assert response.status_code == 403, url
        assert "cl" not in (response.context or {})


@pytest.mark.parametrize(
    ("url", "add_row"),
    [
        (PROJECTS, lambda: make_budget_line(project=make_project())),
        (f"{PROJECTS}?q=Project", lambda: make_project()),
        (f"{PROJECTS}?review=waiting", lambda: make_project(status="submitted")),
        (ADOPTIONS, lambda: make_adoption()),
        (f"{ADOPTIONS}?q=Zone", lambda: make_adoption()),
    ],
)
def test_admin_lists_of_fiches_and_replications_answer_with_queries_that_do_not_grow(
    client_for, staff, assert_queries_do_not_grow, url, add_row
):
    response = assert_queries_do_not_grow(client_for(staff), url, add_row)
    assert response.context["cl"].result_count >= 11


def test_change_page_of_a_fiche_answers_with_queries_that_do_not_grow(
    client_for, staff, zone_a, django_assert_num_queries
):
    fiche = make_project(zone=zone_a, status="draft")

    def add_rows():
        author = make_user(zone=zone_a)
        make_budget_line(project=fiche)
        ProjectImage.objects.create(
            project=fiche, image="projects/images/a.jpg", caption="A", uploaded_by=author
        )
        Attachment.objects.create(
            project=fiche,
            file="projects/attachments/a.pdf",
            title="A",
            kind="pdf",
            size=1,
            uploaded_by=author,
        )
        ProjectRevision.objects.create(project=fiche, author=author, action="edited")

    client = client_for(staff)
    add_rows()
    assert client.get(change_url(fiche)).status_code == 200  # warm-up
    with CaptureQueriesContext(connection) as few:
        client.get(change_url(fiche))
    for _ in range(5):
        add_rows()
    with django_assert_num_queries(len(few)):
        response = client.get(change_url(fiche))
    assert response.status_code == 200
    assert fiche.revisions.count() == 6


# The review queue


def test_review_queue_lists_only_submitted_fiches_oldest_first(staff_client, zone_a):
    now = timezone.now()
    recent = make_project(zone=zone_a, status="submitted", submitted_at=now)
    oldest = make_project(
        zone=zone_a, status="submitted", submitted_at=now - datetime.timedelta(days=9)
    )
    middle = make_project(
        zone=zone_a, status="submitted", submitted_at=now - datetime.timedelta(days=2)
    )
    make_project(zone=zone_a, status="draft")
    make_project(zone=zone_a, status="published")

    response = staff_client.get(PROJECTS, {"review": "waiting"})

    assert list(response.context["cl"].result_list) == [oldest, middle, recent]
    assert "Waiting for review" in response.content.decode()


def test_year_filter_keeps_the_fiches_published_that_year(staff_client, zone_a):
    published_at = datetime.datetime(2021, 6, 15, 10, tzinfo=datetime.UTC)
    old = make_project(zone=zone_a, published_at=published_at)
    make_project(zone=zone_a)
    make_project(zone=zone_a, status="draft")

    response = staff_client.get(PROJECTS, {"year": "2021"})

    assert list(response.context["cl"].result_list) == [old]
    years = dict(response.context["cl"].filter_specs[-1].lookup_choices)
    assert set(years) == {"2021", str(timezone.localdate().year)}


# Workflow actions


@pytest.mark.parametrize(
    ("action", "visibility"),
    [("publish_for_members", "members"), ("publish_publicly", "public")],
)
def test_publish_actions_publish_submitted_fiches_with_their_visibility(
    staff_client, staff, zone_a, action, visibility
):
    other = "public" if visibility == "members" else "members"
    fiches = [make_project(zone=zone_a, status="submitted", visibility=other) for _ in "ab"]

    response = run_action(staff_client, action, fiches)

    assert response.status_code == 200
    assert "2 fiches published." in response.content.decode()
    for fiche in fiches:
        fiche.refresh_from_db()
        assert fiche.status == Project.Status.PUBLISHED
        assert fiche.visibility == visibility
        assert fiche.published_at is not None
        assert fiche.revisions.filter(action="published", author=staff).exists()


def test_publish_action_skips_an_archived_fiche_with_a_warning(staff_client, zone_a):
    archived = make_project(zone=zone_a, status="archived", title="Old campaign")
    submitted = make_project(zone=zone_a, status="submitted")

    response = run_action(staff_client, "publish_publicly", [archived, submitted])

    content = response.content.decode()
    assert "“Old campaign” was skipped: Only a fiche sent for review can be published." in content
    assert "1 fiche published." in content
    archived.refresh_from_db()
    submitted.refresh_from_db()
    assert archived.status == Project.Status.ARCHIVED
    assert submitted.status == Project.Status.PUBLISHED


def test_archive_action_archives_the_fiches(staff_client, staff, zone_a):
    published = make_project(zone=zone_a)

    response = run_action(staff_client, "archive", [published])

    assert "1 fiche archived." in response.content.decode()
    published.refresh_from_db()
    assert published.status == Project.Status.ARCHIVED
    assert published.archived_at is not None
    assert published.revisions.filter(action="archived", author=staff).exists()


def test_send_back_action_first_asks_for_a_comment(staff_client, zone_a, member_a, mailoutbox):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted", title="Night patrols")

    response = staff_client.post(
        PROJECTS, {"action": "send_back", "index": "0", "_selected_action": [fiche.pk]}
    )

    assert response.status_code == 200
    assert "admin/projects/project/send_back.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert "Night patrols" in content
    assert 'name="comment"' in content
    assert f'name="_selected_action" value="{fiche.pk}"' in content
    fiche.refresh_from_db()
    assert fiche.status == Project.Status.SUBMITTED
    assert mailoutbox == []


def test_sending_back_with_a_comment_returns_the_fiche_to_draft_and_mails_its_author(
    staff_client, staff, zone_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted", title="Night patrols")
    comment = "Please add the figures of the evaluation."

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "send_back", [fiche], apply="1", comment=comment)

    assert response.redirect_chain[-1][0] == PROJECTS
    assert "1 fiche sent back to its zone." in response.content.decode()
    fiche.refresh_from_db()
    assert fiche.status == Project.Status.DRAFT
    assert fiche.review_comment == comment
    assert fiche.revisions.filter(action="sent_back", author=staff).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member_a.email]
    assert comment in mailoutbox[0].body


def test_sending_back_without_a_comment_shows_the_page_again_and_changes_nothing(
    staff_client, zone_a, mailoutbox, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, status="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "send_back", [fiche], apply="1", comment="  ")

    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    fiche.refresh_from_db()
    assert fiche.status == Project.Status.SUBMITTED
    assert mailoutbox == []


def test_sending_back_a_published_fiche_is_skipped_with_a_warning(
    staff_client, zone_a, mailoutbox, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, title="Already out")

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "send_back", [fiche], apply="1", comment="Why?")

    assert "“Already out” was skipped" in response.content.decode()
    fiche.refresh_from_db()
    assert fiche.status == Project.Status.PUBLISHED
    assert mailoutbox == []


# Editing a fiche


def test_budget_inline_updates_the_total_of_the_fiche(staff_client, zone_a):
    fiche = make_project(zone=zone_a)
    make_budget_line(project=fiche, amount=Decimal("250.00"))
    page = staff_client.get(change_url(fiche))

    response = staff_client.post(
        change_url(fiche),
        posted_form(
            page,
            **{
                "budget_lines-TOTAL_FORMS": "2",
                "budget_lines-1-label": "Bicycles",
                "budget_lines-1-category": BudgetLine.Category.EQUIPMENT,
                "budget_lines-1-amount": "1200.50",
                "budget_lines-1-funding": BudgetLine.Funding.COMMUNE,
                "budget_lines-1-project": str(fiche.pk),
            },
        ),
    )

    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.budget_total == Decimal("1450.50")
    assert fiche.budget_lines.count() == 2


def test_negative_amount_in_the_budget_inline_is_refused_and_nothing_is_saved(staff_client, zone_a):
    fiche = make_project(zone=zone_a, title="Before")
    line = make_budget_line(project=fiche, amount=Decimal("250.00"))
    page = staff_client.get(change_url(fiche))

    response = staff_client.post(
        change_url(fiche),
        posted_form(page, title="After", **{"budget_lines-0-amount": "-10"}),
    )

    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    fiche.refresh_from_db()
    line.refresh_from_db()
    assert fiche.title == "Before"
    assert line.amount == Decimal("250.00")
    assert fiche.budget_total == Decimal("250.00")
    assert not fiche.revisions.exists()


def test_admin_edit_is_recorded_in_the_history_of_the_fiche(staff_client, staff, zone_a):
    fiche = make_project(zone=zone_a, title="Before")
    page = staff_client.get(change_url(fiche))

    response = staff_client.post(
        change_url(fiche), posted_form(page, title="After", visibility="members")
    )

    assert response.status_code == 302
    revision = fiche.revisions.get()
    assert revision.author == staff
    assert revision.action == "edited"
    assert set(revision.changes) == {"title", "visibility"}
    assert revision.changes["title"] == {"label": "Title", "old": "Before", "new": "After"}
    assert "After" in staff_client.get(change_url(fiche)).content.decode()


def test_admin_edit_of_a_published_fiche_refreshes_the_catalogue_counts(
    staff_client, zone_a, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a)
    page = staff_client.get(change_url(fiche))
    before = catalogue.version()

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(change_url(fiche), posted_form(page, visibility="members"))

    assert catalogue.version() != before


def test_history_of_the_fiche_is_shown_read_only_on_its_page(staff_client, staff, zone_a):
    fiche = make_project(zone=zone_a)
    ProjectRevision.objects.create(
        project=fiche,
        author=staff,
        action="edited",
        changes={"title": {"label": "title", "old": "Old title", "new": "New title"}},
    )

    response = staff_client.get(change_url(fiche))

    content = response.content.decode()
    assert "Old title → New title" in content
    revisions = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is ProjectRevision
    )
    assert not revisions.has_add_permission
    assert not revisions.has_change_permission
    assert not revisions.has_delete_permission


def test_staff_creates_a_fiche_in_the_admin_as_its_author(staff_client, staff, zone_a):
    page = staff_client.get(f"{PROJECTS}add/")
    data = posted_form(
        page,
        title="Cafés citoyens",
        summary="Monthly coffee with the neighbourhood officers.",
        owner_zone=str(zone_a.pk),
        contact_email="proximite@police.belgium.eu",
    )

    response = staff_client.post(f"{PROJECTS}add/", data)

    assert response.status_code == 302
    fiche = Project.objects.get(title="Cafés citoyens")
    assert fiche.created_by == staff
    assert fiche.status == Project.Status.DRAFT
    assert fiche.revisions.get().action == "created"


def test_photos_and_attachments_are_shown_but_cannot_be_added_in_the_admin(staff_client, rows):
    response = staff_client.get(change_url(rows["project"]))

    content = response.content.decode()
    project = rows["project"]
    image = project.images.get()
    # Through the site's view, which checks who may read the file, not the bare media path.
    assert f"/projects/{project.slug}/photos/{image.pk}/thumbnail/" in content
    assert "/media/" not in content
    assert "Flyer for the residents" in content
    files = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model in {ProjectImage, Attachment}
    ]
    assert len(files) == 2
    assert not any(inline.has_add_permission for inline in files)
    # The fiche is published: its files are not removed here either.
    assert not any(inline.formset.can_delete for inline in files)


def test_photo_of_a_draft_can_be_removed_in_the_admin_and_it_is_recorded(staff_client, zone_a):
    draft = make_project(zone=zone_a, status="draft")
    image = add_image(draft)
    page = staff_client.get(change_url(draft))

    response = staff_client.post(change_url(draft), posted_form(page, **{"images-0-DELETE": "on"}))

    assert response.status_code == 302
    assert not ProjectImage.objects.filter(pk=image.pk).exists()
    revision = draft.revisions.get()
    assert revision.action == "photo removed"
    assert revision.changes == {"file": {"old": "Bike patrol at the station"}}


# Nothing published is ever deleted


@pytest.mark.parametrize("status", ["published", "archived"])
def test_a_fiche_that_was_published_cannot_be_deleted(staff_client, zone_a, status):
    fiche = make_project(zone=zone_a, status=status)

    page = staff_client.get(change_url(fiche))
    assert page.context["has_delete_permission"] is False
    assert staff_client.get(f"{PROJECTS}{fiche.pk}/delete/").status_code == 403
    assert staff_client.post(f"{PROJECTS}{fiche.pk}/delete/", {"post": "yes"}).status_code == 403
    run_action(staff_client, "delete_selected", [fiche], post="yes")

    assert Project.objects.filter(pk=fiche.pk).exists()


def test_a_draft_can_be_deleted(staff_client, zone_a):
    draft = make_project(zone=zone_a, status="draft")
    make_budget_line(project=draft)

    response = staff_client.post(f"{PROJECTS}{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Project.objects.filter(pk=draft.pk).exists()


# Replications and lists


def test_replications_cannot_be_deleted(staff_client, zone_b):
    adoption = make_adoption(zone=zone_b, status=Adoption.Status.IMPLEMENTED)

    response = staff_client.get(change_url(adoption))

    assert response.status_code == 200
    assert response.context["has_delete_permission"] is False
    assert (
        staff_client.post(f"{ADOPTIONS}{adoption.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Adoption.objects.filter(pk=adoption.pk).exists()


def test_replication_list_filters_by_status(staff_client, zone_a):
    project = make_project(zone=zone_a)
    implemented = make_adoption(project=project, status=Adoption.Status.IMPLEMENTED)
    make_adoption(project=project, zone=make_zone(), status=Adoption.Status.INTERESTED)

    response = staff_client.get(ADOPTIONS, {"status__exact": "implemented"})

    assert list(response.context["cl"].result_list) == [implemented]


def test_staff_adds_a_theme_in_three_languages(staff_client):
    response = staff_client.post(
        "/admin/projects/theme/add/",
        {
            "name_fr": "Drogues",
            "name_nl": "Drugs",
            "name_en": "Drugs",
            "slug": "drugs",
        },
    )

    assert response.status_code == 302
    assert Theme.objects.get(slug="drugs").name_nl == "Drugs"


@pytest.mark.parametrize("model", ["pillar", "policefunction"])
def test_pillars_and_police_functions_are_a_fixed_read_only_list(staff_client, model):
    row = (Pillar if model == "pillar" else PoliceFunction).objects.first()

    assert staff_client.get(f"/admin/projects/{model}/add/").status_code == 403
    assert staff_client.post(f"/admin/projects/{model}/{row.pk}/delete/").status_code == 403
    page = staff_client.get(change_url(row))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False


# One write path: an edit in the admin is an edit of the site


def test_an_admin_edit_records_the_same_history_as_the_same_edit_on_the_site(
    client_for, staff, member_a, zone_a, django_capture_on_commit_callbacks
):
    on_site = make_project(zone=zone_a, by=member_a, title="Before", summary="Long.")
    in_admin = make_project(zone=zone_a, by=member_a, title="Before", summary="Long.")
    site = client_for(member_a)
    edit_url = reverse("projects:edit", args=[on_site.slug])
    page = site.get(edit_url, HTTP_ACCEPT_LANGUAGE="en")
    data = {**form_values(page.context["form"]), "title": "After", "summary": "Shorter."}

    version = catalogue.version()
    with django_capture_on_commit_callbacks(execute=True):
        assert site.post(edit_url, data, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    assert catalogue.version() != version

    admin = client_for(staff)
    page = admin.get(change_url(in_admin), HTTP_ACCEPT_LANGUAGE="en")
    version = catalogue.version()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            change_url(in_admin),
            posted_form(page, title="After", summary="Shorter."),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    assert catalogue.version() != version

    site_revision, admin_revision = on_site.revisions.get(), in_admin.revisions.get()
    assert (admin_revision.action, admin_revision.changes) == (
        site_revision.action,
        site_revision.changes,
    )
    assert admin_revision.changes["title"] == {"label": "Title", "old": "Before", "new": "After"}
    assert admin_revision.author == staff


def test_a_budget_edited_in_the_admin_is_totalled_and_recorded_as_on_the_site(
    client_for, staff, member_a, zone_a, django_capture_on_commit_callbacks
):
    on_site = make_project(zone=zone_a, by=member_a)
    in_admin = make_project(zone=zone_a, by=member_a)
    line = {"label": "Bicycles", "category": "equipment", "amount": "1200.50", "funding": "zone"}
    site = client_for(member_a)
    site_data = {"budget_lines-TOTAL_FORMS": "1", "budget_lines-INITIAL_FORMS": "0"}
    site_data |= {f"budget_lines-0-{name}": value for name, value in line.items()}

    version = catalogue.version()
    with django_capture_on_commit_callbacks(execute=True):
        site.post(
            reverse("projects:budget", args=[on_site.slug]), site_data, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert catalogue.version() != version

    admin = client_for(staff)
    page = admin.get(change_url(in_admin), HTTP_ACCEPT_LANGUAGE="en")
    admin_data = {f"budget_lines-0-{name}": value for name, value in line.items()}
    admin_data |= {"budget_lines-TOTAL_FORMS": "1", "budget_lines-0-project": str(in_admin.pk)}
    version = catalogue.version()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            change_url(in_admin), posted_form(page, **admin_data), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 302
    assert catalogue.version() != version

    on_site.refresh_from_db()
    in_admin.refresh_from_db()
    assert in_admin.budget_total == on_site.budget_total == Decimal("1200.50")
    site_revision, admin_revision = on_site.revisions.get(), in_admin.revisions.get()
    assert admin_revision.action == site_revision.action == "budget"
    assert admin_revision.changes == site_revision.changes == {"total": {"new": "1200.50"}}


def test_saving_an_unchanged_fiche_in_the_admin_records_nothing(client_for, staff, zone_a):
    fiche = make_project(zone=zone_a)
    make_budget_line(project=fiche)
    client = client_for(staff)

    response = client.post(change_url(fiche), posted_form(client.get(change_url(fiche))))

    assert response.status_code == 302
    assert not fiche.revisions.exists()
