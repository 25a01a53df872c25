import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Region, Zone


class ZoneFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, empty_label=_("All regions")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Zone.Kind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Zone
        fields = ["region", "kind"]
