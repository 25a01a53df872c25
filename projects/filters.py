"""The catalogue's facets: several values within a facet combine with OR, facets with AND,
and each facet's counts ignore its own selection, as in any catalogue."""

import django_filters
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Region, Zone

from . import listing, search
from .models import (
    BudgetBand,
    Distinction,
    FunctionCode,
    Language,
    PillarCode,
    Project,
    Theme,
    budget_band_q,
)


def _theme_choices():
    return [(theme.slug, theme.name) for theme in Theme.objects.order_by("slug")]


# The zones and years that the filters accept come from the zones table and the range of years
# since the first publication, not from a pass over the fiches.


def _zone_choices():
    return list(Zone.objects.order_by("name").values_list("slug", "name"))


def _year_choices():
    first = Project.objects.published().aggregate(first=Min("published_at"))["first"]
    this_year = timezone.localdate().year
    since = timezone.localtime(first).year if first else this_year
    return [(str(year), str(year)) for year in range(this_year, since - 1, -1)]


def _m2m_filter(relation, field):
    through = getattr(Project, relation).through

    def apply(self, queryset, name, values):
        matching = through.objects.filter(project=OuterRef("pk"), **{f"{field}__in": values})
        return queryset.filter(Exists(matching))

    return apply


def _page_number(raw):
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


class _Fetched:
    """What a Paginator needs of results fetched one page at a time: their number, and the
    page."""

    def __init__(self, total, page):
        self.total, self.page = total, page

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.page


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=search.MAX_QUERY_LENGTH
    )
    theme = django_filters.MultipleChoiceFilter(
        label=_("Theme"), choices=_theme_choices, method="filter_theme"
    )
    pillar = django_filters.MultipleChoiceFilter(
        label=_("FPOC pillar"), choices=PillarCode.choices, method="filter_pillar"
    )
    function = django_filters.MultipleChoiceFilter(
        label=_("Basic police function"), choices=FunctionCode.choices, method="filter_function"
    )
    # The filters below follow to-one relations or the fiche's own columns: no row can appear
    # twice, so no DISTINCT (django-filter's default for multiple choices), which would make
    # PostgreSQL compare every column, texts included, of thousands of rows.
    region = django_filters.MultipleChoiceFilter(
        label=_("Region"), choices=Region.choices, field_name="owner_zone__region", distinct=False
    )
    zone = django_filters.MultipleChoiceFilter(
        label=_("Zone"), choices=_zone_choices, field_name="owner_zone__slug", distinct=False
    )
    year = django_filters.MultipleChoiceFilter(
        label=_("Year of publication"), choices=_year_choices, method="filter_year"
    )
    outcome = django_filters.MultipleChoiceFilter(
        label=_("Outcome"), choices=Project.Outcome.choices, distinct=False
    )
    evaluation = django_filters.MultipleChoiceFilter(
        label=_("Evaluation"),
        choices=Project.EvaluationKind.choices,
        field_name="evaluation_kind",
        distinct=False,
    )
    budget = django_filters.MultipleChoiceFilter(
        label=_("Budget"), choices=BudgetBand.choices, method="filter_budget"
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"), choices=Language.choices, distinct=False
    )

    awarded = django_filters.MultipleChoiceFilter(
        label=_("Distinction"), choices=[("yes", _("Awarded"))], method="filter_awarded"
    )

    class Meta:
        model = Project
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices that come from the database are read once, here: the form's validation
        # and the facets both go through them, and would call the query each time. The form
        # gets them through a function still, as it copies a list of choices (two hundred
        # zones) and not a function.
        for name in ("theme", "zone", "year"):
            choices = self.filters[name].extra["choices"]()
            self.filters[name].extra["choices"] = lambda choices=choices: choices

    filter_theme = _m2m_filter("themes", "theme__slug")
    filter_pillar = _m2m_filter("pillars", "pillar__code")
    filter_function = _m2m_filter("functions", "policefunction__code")

    FACETS = (
        "theme", "pillar", "function", "region", "zone", "year",
        "outcome", "evaluation", "budget", "language", "awarded",
    )  # fmt: skip

    def filter_search(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset

    def filter_year(self, queryset, name, values):
        return queryset.filter(published_at__year__in=[int(year) for year in values])

    def filter_awarded(self, queryset, name, values):
        return queryset.filter(Exists(Distinction.objects.filter(project=OuterRef("pk"))))

    def filter_budget(self, queryset, name, values):
        condition = budget_band_q(values[0])
        for band in values[1:]:
            condition |= budget_band_q(band)
        return queryset.filter(condition)

    @property
    def search_text(self):
        """The search as applied: a filter that is not understood does not drop it."""
        self.is_valid()
        return (self.form.cleaned_data.get("q") or "").strip()

    def results(self, *, page_number, page_size, public_only, language=None):
        """(the page of fiches, {facet: {value: count}}): on PostgreSQL in one statement over
        the catalogue's own table (projects.listing), elsewhere with the ORM."""
        self.is_valid()
        text = self.search_text
        self.query = search.Query(text=text) if text else None
        if connection.vendor != "postgresql":
            results = self.qs if text else self.qs.order_by("-published_at", "-pk")
            page = Paginator(results.for_list(), page_size).get_page(page_number)
            return page, self.facet_counts()
        number = _page_number(page_number)
        selection = {name: value for name, value in self.form.cleaned_data.items() if value}
        self.query = search.parse(text) if text else None

        def find(number):
            return listing.find(
                public_only=public_only, selection=selection, query=self.query,
                offset=(number - 1) * page_size, limit=page_size, language=language,
            )  # fmt: skip

        found = find(number)
        last = max(1, -(-found.total // page_size))
        if number > last:
            number = last
            found = find(number)
        fetched = _Fetched(found.total, listing.projects(found.ids))
        return Paginator(fetched, page_size).page(number), found.counts

    def filtered_except(self, facet):
        """The reader's catalogue with every selection applied but `facet`'s (and no search
        ranking, which counting does not need)."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != facet and value:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def facet_counts(self):
        """{facet: {value: count}} over the current selection, one query per facet."""
        self.is_valid()
        counts = {}
        for facet in self.FACETS:
            counts[facet] = self._count(facet, self.filtered_except(facet))
        return counts

    def _count(self, facet, queryset):
        ids = queryset.values("pk")
        m2m = {"theme": ("themes", "theme__slug"), "pillar": ("pillars", "pillar__code"),
               "function": ("functions", "policefunction__code")}  # fmt: skip
        if facet in m2m:
            relation, field = m2m[facet]
            rows = (
                getattr(Project, relation)
                .through.objects.filter(project__in=ids)
                .values_list(field)
                .annotate(n=Count("pk"))
            )
            return dict(rows)
        if facet == "budget":
            return queryset.aggregate(
                **{band: Count("pk", filter=budget_band_q(band)) for band in BudgetBand.values}
            )
        column = {
            "region": "owner_zone__region",
            "zone": "owner_zone__slug",
            "evaluation": "evaluation_kind",
            "outcome": "outcome",
            "language": "language",
        }.get(facet)
        if facet == "awarded":
            awarded = Exists(Distinction.objects.filter(project=OuterRef("pk")))
            count = queryset.filter(awarded).count()
            return {"yes": count} if count else {}
        if facet == "year":
            rows = queryset.annotate(value=ExtractYear("published_at")).values_list("value")
            return {str(year): n for year, n in rows.annotate(n=Count("pk"))}
        return dict(queryset.values_list(column).annotate(n=Count("pk")))
