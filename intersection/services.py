"""Following themes and zones, and the weekly digest that tells each follower what is new.

Rules of the digest (`send_digests`, run weekly by the `send_digests` command):

- a fiche is news to a person when it was published in the last `DIGEST_LOOKBACK` days, after
  they started following, and carries a theme they follow or belongs (as owner or co-owner)
  to a zone they follow; members-only fiches only reach people who may read them;
- an event is news when it is upcoming, not cancelled, visible to the person, and its title,
  description or place names a theme they follow (in any of its three names) or a zone they
  follow (events have no theme or zone of their own);
- nothing new, no mail. Each fiche and event is recorded (`DigestEntry`) in the same
  transaction that queues the mail, under unique constraints: a second run, even a concurrent
  one, never sends the same fiche or event twice to one person;
- the mail is in the person's language and carries a signed one-click unsubscribe link, with
  the `List-Unsubscribe` and `List-Unsubscribe-Post` headers of RFC 8058.

The work takes a fixed number of queries whatever the number of followers: the followers,
the candidate fiches and events, and what was already sent are read once each, and the new
entries are written in one bulk insert.
"""

import datetime
import re
import unicodedata

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from members.links import absolute_url
from members.mail import send_mail
from projects.models import Project

from .models import DigestEntry, Following

# A digest looks back two weeks: a week missed by the scheduler is caught up, and the
# constraints on DigestEntry keep anything from being sent twice.
DIGEST_LOOKBACK = datetime.timedelta(days=14)
UNSUBSCRIBE_SALT = "intersection.digest.unsubscribe"


# Following


def following_of(user):
    """The person's following, unsaved and empty when they never chose anything."""
    try:
        return user.following
    except Following.DoesNotExist:
        return Following(user=user)


@transaction.atomic
def save_following(*, user, themes, zones):
    following = following_of(user)
    if following.pk is None or not (following.themes.exists() or following.zones.exists()):
        following.since = timezone.now()  # news counts from the moment they start following
    following.save()
    following.themes.set(themes)
    following.zones.set(zones)
    return following


def unsubscribe_token(user):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(user.pk))


def user_id_from_token(token):
    """The person a link was signed for, or None for a forged or damaged link."""
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


@transaction.atomic
def unsubscribe(*, user_id):
    """Follow nothing any more: no digest is sent. True when something was followed."""
    following = Following.objects.filter(user_id=user_id).first()
    if following is None:
        return False
    had_any = following.themes.exists() or following.zones.exists()
    following.themes.clear()
    following.zones.clear()
    return had_any


# The digest


def _folded(text):
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def _theme_terms(theme):
    return {_folded(name) for name in (theme.name_fr, theme.name_nl, theme.name_en) if name}


def _zone_terms(zone):
    return {_folded(name) for name in (zone.name, zone.short_name) if len(name) > 2}


def _project_matches(project, theme_ids, zone_ids):
    return bool(
        theme_ids & {theme.pk for theme in project.themes.all()}
        or zone_ids & ({project.owner_zone_id} | {zone.pk for zone in project.co_owner_zones.all()})
    )


def _event_matches(event_text, terms):
    # Whole words only: the zone "Gent" must not match an "agent" in a description.
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", event_text) for term in terms)


def _candidates(now):
    projects = list(
        Project.objects.published()
        .filter(published_at__gte=now - DIGEST_LOOKBACK)
        .select_related("owner_zone")
        .prefetch_related("themes", "co_owner_zones")
        .order_by("-published_at", "pk")
    )
    events = list(
        Event.objects.upcoming(now).filter(is_cancelled=False).order_by("starts_at", "pk")
    )
    return projects, events


def _news_for(following, projects, events, sent):
    """The fiches and events that are news to this follower (nothing sent before)."""
    user = following.user
    members_area = user.can_see_members_area
    themes, zones = list(following.themes.all()), list(following.zones.all())
    theme_ids, zone_ids = {t.pk for t in themes}, {z.pk for z in zones}
    new_projects = [
        project
        for project in projects
        if project.published_at >= following.since
        and (members_area or project.visibility == Project.Visibility.PUBLIC)
        and ("project", project.pk) not in sent
        and _project_matches(project, theme_ids, zone_ids)
    ]
    terms = set().union(*(_theme_terms(t) for t in themes), *(_zone_terms(z) for z in zones))
    new_events = [
        event
        for event, text in events
        if (members_area or event.audience == Event.Audience.PUBLIC)
        and ("event", event.pk) not in sent
        and _event_matches(text, terms)
    ]
    return new_projects, new_events


def _mail_digest(user, projects, events):
    token = unsubscribe_token(user)
    unsubscribe_url = absolute_url(reverse("unsubscribe", args=[token]))
    context = {
        "user": user,
        "projects": [(p, absolute_url(p.get_absolute_url())) for p in projects],
        "events": [(e, absolute_url(e.get_absolute_url())) for e in events],
        "unsubscribe_url": unsubscribe_url,
        "following_url": absolute_url(reverse("following")),
    }
    send_mail(
        to=user.email,
        template="intersection/email/digest",
        context=context,
        language=user.preferred_language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@transaction.atomic
def send_digests(*, now=None):
    """Queue one digest mail per follower with news; returns the number of mails."""
    now = now or timezone.now()
    followings = list(Following.objects.for_digest())
    if not followings:
        return 0
    projects, events = _candidates(now)
    if not (projects or events):
        return 0
    events = [
        (event, _folded(f"{event.title} {event.description} {event.place}")) for event in events
    ]
    already = DigestEntry.objects.filter(
        Q(project_id__in=[p.pk for p in projects]) | Q(event_id__in=[e.pk for e, _t in events])
    ).values_list("user_id", "project_id", "event_id")
    sent = {}
    for user_id, project_id, event_id in already:
        sent.setdefault(user_id, set()).add(
            ("project", project_id) if project_id else ("event", event_id)
        )
    entries, mailed = [], 0
    for following in followings:
        new_projects, new_events = _news_for(
            following, projects, events, sent.get(following.user_id, set())
        )
        if not (new_projects or new_events):
            continue
        entries += [
            DigestEntry(user_id=following.user_id, project=p, sent_at=now) for p in new_projects
        ]
        entries += [
            DigestEntry(user_id=following.user_id, event=e, sent_at=now) for e in new_events
        ]
        _mail_digest(following.user, new_projects, new_events)
        mailed += 1
    # One insert; a concurrent run that recorded the same rows first makes it fail, and this
    # run's mails, queued for after commit, are then never sent.
    DigestEntry.objects.bulk_create(entries, batch_size=1000)
    return mailed
