"""How practices travel: which zone took over which zone's project, and when.

The rows are the implemented replications (an implementation stays in the story even if the
zone dropped the project later), read in one query; the diagram is an arc diagram drawn on
the server: the zones on a line, grouped by region, an arc from the origin zone to the
adopting zone, thicker when the same pair repeats.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

import django_filters
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from members.models import Region
from projects.models import Adoption, Project, Theme

WIDTH = 900
HEIGHT = 320
MARGIN = 20


def implemented_adoptions(user):
    projects = Project.objects.visible_to(user).filter(
        status__in=[Project.Status.PUBLISHED, Project.Status.ARCHIVED]
    )
    return (
        Adoption.objects.filter(implemented_on__isnull=False, project__in=projects)
        .select_related("project", "project__owner_zone", "zone")
        .order_by("implemented_on", "pk")
    )


class TravelFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"), method="filter_year", empty_label=_("All years")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), field_name="project__themes__slug", empty_label=_("All themes")
    )

    class Meta:
        model = Adoption
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (
            Adoption.objects.filter(implemented_on__isnull=False)
            .annotate(year=ExtractYear("implemented_on"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.filters["year"].extra["choices"] = [(str(year), year) for year in years]
        self.filters["theme"].extra["choices"] = [
            (theme.slug, theme.name) for theme in Theme.objects.order_by("slug")
        ]

    def filter_year(self, queryset, name, value):
        return queryset.filter(implemented_on__year=int(value))


@dataclass
class Diagram:
    width: int
    height: int
    zones: list
    arcs: list
    regions: list


def diagram(adoptions):
    """Zones placed along a line by region then name; one arc per origin → adopting pair."""
    pairs = Counter()
    zones = {}
    for adoption in adoptions:
        origin, adopter = adoption.project.owner_zone, adoption.zone
        zones[origin.pk], zones[adopter.pk] = origin, adopter
        pairs[(origin.pk, adopter.pk)] += 1
    if not zones:
        return None
    order = list(Region.values)
    placed = sorted(
        zones.values(),
        key=lambda zone: (order.index(zone.region) if zone.region in order else 99, zone.name),
    )
    baseline = HEIGHT - 90
    # Room on the right for the last label, which slants down to the right.
    step = (WIDTH - MARGIN - 90) / max(len(placed) - 1, 1)
    position = {zone.pk: round(MARGIN + n * step, 1) for n, zone in enumerate(placed)}
    arcs = []
    for (origin, adopter), count in sorted(pairs.items()):
        x1, x2 = position[origin], position[adopter]
        radius = abs(x2 - x1) / 2
        # Every arc goes over the line; an arrow at the adopting zone gives the direction.
        sweep = 1 if x2 > x1 else 0
        arcs.append(
            {
                "path": f"M {x1} {baseline} A {radius} {min(radius, baseline - 10)} 0 0 {sweep}"
                f" {x2} {baseline}",
                "width": min(1 + count, 8),
                "region": zones[origin].region,
                "origin": zones[origin],
                "adopter": zones[adopter],
                "count": count,
            }
        )
    regions = defaultdict(list)
    for zone in placed:
        regions[zone.region].append(position[zone.pk])
    return Diagram(
        width=WIDTH,
        height=HEIGHT,
        zones=[{"zone": zone, "x": position[zone.pk], "y": baseline} for zone in placed],
        arcs=arcs,
        regions=[
            {"code": code, "label": Region(code).label, "x1": xs[0], "x2": xs[-1]}
            for code, xs in regions.items()
            if code in Region.values
        ],
    )


def per_project(adoptions):
    """[(project, [adoption, ...])] in order of the number of zones that took it over."""
    grouped = defaultdict(list)
    for adoption in adoptions:
        grouped[adoption.project].append(adoption)
    return sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0].title))
