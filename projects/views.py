from urllib.parse import quote_plus, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.http import confirmed
from members.models import Zone

from . import search, services
from .filters import ProjectFilter
from .forms import (
    AdoptionForm,
    AttachmentForm,
    BudgetFormSet,
    ImageForm,
    InterestForm,
    ProjectForm,
    ReviewForm,
)
from .models import Adoption, Attachment, CoOwnerInvitation, Project, ProjectImage, Theme

PAGE_SIZE = 20


def _get_project_for_user(request, slug, *, write=False):
    project = get_object_or_404(Project.objects.visible_to(request.user), slug=slug)
    if write and not project.is_editable_by(request.user):
        raise PermissionDenied
    return project


def _get_project_for_detail(request, slug):
    return get_object_or_404(Project.objects.visible_to(request.user).for_detail(), slug=slug)


def _require_member(request):
    if not request.user.is_member:
        raise PermissionDenied


def _require_staff(request):
    if not request.user.is_staff:
        raise PermissionDenied


def _get_adoption_for_user(request, pk):
    """Only the adopting zone finds its record: for anyone else, staff included, it is out
    of scope (404), as another zone's draft is."""
    if not request.user.is_member:
        raise Http404
    return get_object_or_404(
        Adoption.objects.select_related("project", "zone"), pk=pk, zone_id=request.user.zone_id
    )


def _get_invitation_to_answer(request, pk):
    """An invitation of the person's zone (every one for staff): out of scope, 404; in scope
    but not theirs to answer (a plain member of the invited zone), 403."""
    invitation = get_object_or_404(
        CoOwnerInvitation.objects.in_scope_of(request.user).select_related("zone"), pk=pk
    )
    if not request.user.manages_zone(invitation.zone):
        raise PermissionDenied
    return invitation


# Facets whose menu is a select of the values with results (with the selected ones listed
# above it, each a link that removes it) rather than a list of links: there are hundreds.
SELECT_FACETS = {"zone"}


def _facets(project_filter, params, counts):
    """The facet menus with counts and the link that toggles each value (rendered by the
    facet_links and facet_choices tags: there are hundreds of options)."""
    menus = []
    for name in ProjectFilter.FACETS:
        field = project_filter.form.fields[name]
        selected = params.getlist(name)
        select = name in SELECT_FACETS
        # The query of every other parameter, and with this facet's selection, encoded once
        # per facet: a value that is not selected adds itself to the latter.
        others = [(key, value) for key, values in params.lists() if key != name for value in values]
        base = urlencode(others)
        kept = _joined(base, urlencode([(name, value) for value in selected]))
        options = []
        for value, label in field.choices:
            value = str(value)
            count = counts[name].get(value, 0)
            is_selected = value in selected
            if not count and not is_selected:
                continue
            if is_selected:
                query = _joined(base, urlencode([(name, v) for v in selected if v != value]))
            elif select:
                query = None  # offered in the facet's select, not as a link
            else:
                query = _joined(kept, f"{name}={quote_plus(value)}")
            options.append(
                {
                    "value": value,
                    "label": label,
                    "count": count,
                    "selected": is_selected,
                    "query": query,
                }
            )
        if options:
            menus.append(
                {
                    "name": name,
                    "label": field.label,
                    "options": options,
                    "selected": [option for option in options if option["selected"]],
                    "select": select,
                    "others": [(key, value) for key, value in others if key != "page"],
                }
            )
    return menus


def _joined(*queries):
    return "&".join(query for query in queries if query)


def _suggestions(project_filter, params, counts):
    """When nothing matches: the theme closest to the search, and each selected facet whose
    removal would bring fiches back (its counts ignore its own selection)."""
    text = project_filter.search_text
    theme = None
    if text:
        query = project_filter.query
        groups = query.groups if query is not None else []
        theme = next((group.theme for group in groups if group.theme_id), None)
        theme = theme or Theme.objects.closest_to(text)
    loosen = []
    for name in ProjectFilter.FACETS:
        if params.getlist(name) and any(counts[name].values()):
            without = params.copy()
            without.pop(name)
            loosen.append(
                {"label": project_filter.form.fields[name].label, "query": without.urlencode()}
            )
    return {"theme": theme, "loosen": loosen}


def project_list(request):
    """The catalogue, computed for each request (nothing is cached: see projects.listing)."""
    params = request.GET
    project_filter = ProjectFilter(params, queryset=Project.objects.listed_for(request.user))
    page, counts = project_filter.results(
        page_number=params.get("page"),
        page_size=PAGE_SIZE,
        public_only=not Project.objects.lists_members_fiches_for(request.user),
        language=get_language(),
    )
    text = project_filter.search_text
    facet_params = params.copy()
    facet_params.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "filter": project_filter,
            "page": page,
            "facets": _facets(project_filter, facet_params, counts),
            "search_text": text,
            "passages": search.passages(page.object_list, project_filter.query) if text else {},
            "has_selection": any(facet_params.getlist(name) for name in ProjectFilter.FACETS),
            "suggestions": (
                _suggestions(project_filter, facet_params, counts)
                if not page.paginator.count
                else None
            ),
        },
    )


def project_detail(request, slug):
    project = _get_project_for_detail(request, slug)
    user = request.user
    adoptions = list(project.adoptions.all())
    my_adoption = None
    can_ask = False
    if user.is_authenticated and user.is_member and project.is_published:
        can_ask = not project.is_owned_by_member(user)
        my_adoption = next((a for a in adoptions if a.zone_id == user.zone_id), None)
    can_edit = project.is_editable_by(user)
    invited = project.co_owner_invitations.pending().select_related("zone") if can_edit else ()
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "budget": project.budget_summary(),
            "can_edit": can_edit,
            "invited_zones": [invitation.zone for invitation in invited],
            "implemented": [a for a in adoptions if a.status == Adoption.Status.IMPLEMENTED],
            "interested": [a for a in adoptions if a.status != Adoption.Status.IMPLEMENTED],
            "my_adoption": my_adoption,
            "interest_form": InterestForm() if can_ask else None,
        },
    )


@login_required
def project_create(request):
    _require_member(request)
    form = ProjectForm(request.POST or None, owner_zone=request.user.zone)
    if request.method == "POST" and form.is_valid():
        project = services.save_project(form=form, by=request.user)
        messages.success(request, _("The fiche was saved as a draft. Add its budget and photos."))
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request, slug):
    project = _get_project_for_user(request, slug, write=True)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.save_project(form=form, by=request.user)
        messages.success(request, _("Your changes were saved."))
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def project_budget(request, slug):
    project = _get_project_for_user(request, slug, write=True)
    formset = BudgetFormSet(request.POST or None, instance=project)
    if request.method == "POST" and formset.is_valid():
        services.save_budget(project=project, formset=formset, by=request.user)
        messages.success(request, _("The budget was saved."))
        return redirect(project)
    return render(request, "projects/project_budget.html", {"project": project, "formset": formset})


@login_required
def project_files(request, slug):
    project = _get_project_for_user(request, slug, write=True)
    image_form = ImageForm(prefix="image")
    attachment_form = AttachmentForm(prefix="attachment")
    if request.method == "POST":
        if "image-image" in request.FILES:
            image_form = ImageForm(request.POST, request.FILES, prefix="image")
            if image_form.is_valid():
                services.add_file(
                    project=project, instance=image_form.save(commit=False), by=request.user,
                    action="photo added",
                )  # fmt: skip
                messages.success(request, _("The photo was added."))
                return redirect("projects:files", slug=project.slug)
        elif "attachment-file" in request.FILES:
            attachment_form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
            if attachment_form.is_valid():
                services.add_file(
                    project=project, instance=attachment_form.save(commit=False),
                    by=request.user, action="attachment added",
                )  # fmt: skip
                messages.success(request, _("The attachment was added."))
                return redirect("projects:files", slug=project.slug)
        else:
            messages.error(request, _("Choose a file to send."))
    return render(
        request,
        "projects/project_files.html",
        {
            "project": project,
            "images": project.images.all(),
            "attachments": project.attachments.all(),
            "image_form": image_form,
            "attachment_form": attachment_form,
        },
    )


@require_POST
@login_required
def project_file_remove(request, slug, kind, pk):
    project = _get_project_for_user(request, slug, write=True)
    model = {"photo": ProjectImage, "attachment": Attachment}[kind]
    instance = get_object_or_404(model, pk=pk, project=project)
    services.remove_file(instance=instance, by=request.user, action=f"{kind} removed")
    messages.success(request, _("The file was removed."))
    return redirect("projects:files", slug=project.slug)


@require_GET
def photo_file(request, slug, pk, size):
    """Photos are served through the fiche's access check: a members-only fiche's photos
    are not readable by anyone who guesses their address."""
    project = _get_project_for_user(request, slug)
    photo = get_object_or_404(ProjectImage, pk=pk, project=project)
    stored = photo.thumbnail if size == "thumbnail" else photo.image
    return _file_response(stored, as_attachment=False)


@require_GET
def attachment_file(request, slug, pk):
    project = _get_project_for_user(request, slug)
    attachment = get_object_or_404(Attachment, pk=pk, project=project)
    return _file_response(attachment.file, as_attachment=True)


def _file_response(stored, *, as_attachment):
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=as_attachment)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@login_required
def project_submit(request, slug):
    project = _get_project_for_user(request, slug, write=True)
    try:
        services.submit(project=project, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Sent to the association for review."))
    return redirect(project)


@require_POST
@login_required
def project_archive(request, slug):
    project = _get_project_for_user(request, slug, write=True)
    if not confirmed(request):
        return render(request, "projects/project_archive.html", {"project": project})
    services.archive(project=project, by=request.user)
    messages.success(request, _("The fiche was archived. Its link keeps working."))
    return redirect(project)


@login_required
def project_history(request, slug):
    project = _get_project_for_user(request, slug)
    if not (request.user.is_staff or project.is_owned_by_member(request.user)):
        raise PermissionDenied
    revisions = project.revisions.select_related("author")
    return render(
        request, "projects/project_history.html", {"project": project, "revisions": revisions}
    )


@login_required
def project_review(request, slug):
    _require_staff(request)
    project = _get_project_for_user(request, slug)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == "send_back":
                services.send_back(
                    project=project, comment=form.cleaned_data["comment"], by=request.user
                )
            else:
                visibility = (
                    Project.Visibility.PUBLIC
                    if decision == "publish_public"
                    else Project.Visibility.MEMBERS
                )
                services.publish(project=project, visibility=visibility, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision was recorded."))
            return redirect(project)
    return render(request, "projects/project_review.html", {"project": project, "form": form})


@require_POST
@login_required
def project_interest(request, slug):
    project = _get_project_for_user(request, slug)
    _require_member(request)
    if not project.is_published:
        raise PermissionDenied
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            _adoption, created, mailed = services.express_interest(
                project=project, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            if not mailed:
                messages.info(
                    request,
                    _(
                        "You already wrote to this project's contact today: your message is"
                        " added to your zone's follow-up, without sending another mail."
                    ),
                )
            elif created:
                messages.success(
                    request,
                    _("Your message was sent to the project's contact; a copy was sent to you."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Your message was sent to the project's contact and added to your"
                        " zone's follow-up; a copy was sent to you."
                    ),
                )
    else:
        messages.error(request, _("Write a message of at most 3,000 characters."))
    return redirect(project)


@login_required
def adoption_edit(request, pk):
    adoption = _get_adoption_for_user(request, pk)
    form = AdoptionForm(request.POST or None, instance=adoption)
    if request.method == "POST" and form.is_valid():
        services.update_adoption(
            adoption=adoption,
            by=request.user,
            status=form.cleaned_data["status"],
            implemented_on=form.cleaned_data["implemented_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Your zone's follow-up was updated."))
        return redirect(adoption.project)
    history = adoption.events.select_related("by")
    return render(
        request,
        "projects/adoption_form.html",
        {"adoption": adoption, "form": form, "history": history},
    )


@login_required
def my_projects(request):
    _require_member(request)
    zone = request.user.zone
    return render(
        request,
        "projects/project_mine.html",
        {
            "zone": zone,
            "projects": Project.objects.owned_by_zone(zone).for_list().order_by("-updated_at"),
            "adoptions": Adoption.objects.filter(zone=zone).for_zone_list(),
        },
    )


@login_required
def invitation_list(request):
    """The invitations to co-own a fiche that the person answers for their zone."""
    user = request.user
    if not (user.is_staff or (user.is_member and user.is_reference_person)):
        raise PermissionDenied
    return render(
        request,
        "projects/coownerinvitation_list.html",
        {"invitations": CoOwnerInvitation.objects.to_decide_by(user).for_list()},
    )


@require_POST
@login_required
def invitation_answer(request, pk, accept):
    invitation = _get_invitation_to_answer(request, pk)
    service = services.accept_co_ownership if accept else services.decline_co_ownership
    answered, changed = service(invitation=invitation, by=request.user)
    if not changed:
        messages.info(request, _("This invitation was already answered."))
    elif accept:
        messages.success(
            request,
            _("%(zone)s is now co-owner of “%(title)s”.")
            % {"zone": answered.zone, "title": answered.project.title},
        )
    else:
        messages.success(request, _("The invitation was declined."))
    return redirect("projects:invitations")


def zone_projects(request, slug):
    """What a zone shares, what it replicated from others, and who replicated its projects."""
    zone = get_object_or_404(Zone, slug=slug)
    visible = Project.objects.listed_for(request.user)
    adoptions = Adoption.objects.active().for_zone_list().filter(project__in=visible)
    return render(
        request,
        "projects/zone_projects.html",
        {
            "zone": zone,
            "projects": visible.filter(Project.objects.owned_q(zone.pk)).for_list(),
            "replicated": adoptions.filter(zone=zone),
            "replicated_by_others": adoptions.filter(project__owner_zone=zone),
        },
    )


class LatestProjectsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Réseau Intersection — new project sheets")
    subtitle = gettext_lazy("Community-policing projects published by the member zones.")
    link = reverse_lazy("projects:list")

    def items(self):
        return (
            Project.objects.published()
            .filter(visibility=Project.Visibility.PUBLIC)
            .select_related("owner_zone")
            .order_by("-published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.owner_zone.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_link(self, item):
        return reverse("projects:detail", kwargs={"slug": item.slug})
