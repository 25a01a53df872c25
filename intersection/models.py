"""What a member follows, and what the weekly digest already told them.

These live in the site's own app because a digest reads the fiches (projects), the events
(events) and the people (members), and only `intersection` may read all three.
"""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import User, Zone
from projects.models import Project, Theme


class FollowingQuerySet(models.QuerySet):
    def for_digest(self):
        """Active people who follow at least one theme or zone, with what they follow."""
        followed = Q(themes__isnull=False) | Q(zones__isnull=False)
        return (
            self.filter(followed, user__is_active=True, user__closed_at__isnull=True)
            .exclude(user__email="")
            .distinct()
            # The user with the membership that `is_member` reads, in one query for all.
            .prefetch_related(
                Prefetch("user", queryset=User.objects.with_membership()), "themes", "zones"
            )
            .order_by("pk")
        )


class Following(models.Model):
    """The themes and zones a person follows. Opt-in: nothing is followed until they choose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="following",
        verbose_name=_("person"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="followers", verbose_name=_("themes")
    )
    zones = models.ManyToManyField(
        Zone, blank=True, related_name="followers", verbose_name=_("zones")
    )
    # Fiches published before a person started following are not news to them.
    since = models.DateTimeField(_("following since"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FollowingQuerySet.as_manager()

    class Meta:
        verbose_name = _("following")
        verbose_name_plural = _("followings")
        ordering = ["pk"]

    def __str__(self):
        return str(self.user)


class DigestEntry(models.Model):
    """One fiche or one event that a digest mail told one person about.

    The unique constraints are what make the digest idempotent: a fiche (or an event) is
    recorded once per person, in the same transaction as the mail is queued, so running the
    command twice, or twice at once, never sends it twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_entries",
        verbose_name=_("person"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fiche"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=True, event__isnull=False)
                | Q(project__isnull=False, event__isnull=True),
                name="digest_entry_is_a_fiche_or_an_event",
            ),
            models.UniqueConstraint(
                fields=["user", "project"],
                condition=Q(project__isnull=False),
                name="digest_sends_a_fiche_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=Q(event__isnull=False),
                name="digest_sends_an_event_once_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.project or self.event}"
