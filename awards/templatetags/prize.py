"""The prize's badge on a fiche ("Prix du jury 2020"): shown once the edition's results are
published. A template tag, so that `projects` needs no import of `awards`: the fiche's template
asks for it."""

from django import template
from django.utils import timezone

from awards.models import Award

register = template.Library()


@register.inclusion_tag("awards/_badges.html")
def prize_badges(project):
    awards = (
        Award.objects.filter(
            entry__project_id=project.pk, prize__edition__results_published_at__lte=timezone.now()
        )
        .select_related("prize__edition")
        .order_by("-prize__edition__year", "prize__position")
    )
    return {"awards": awards}
