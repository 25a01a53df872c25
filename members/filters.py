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
    member = django_filters.ChoiceFilter(
        label=_("Membership"),
        choices=[("yes", _("Member today")), ("no", _("Not a member today"))],
        empty_label=_("Members and others"),
        method="filter_member",
    )

    class Meta:
        model = Zone
        fields = ["region", "kind", "member"]

    def filter_member(self, queryset, name, value):
        # The queryset carries the is_member annotation (Zone.objects.for_list()).
        return queryset.filter(is_member=value == "yes")
