import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import computations, report, services, travel
from .models import Indicator

# Access helpers


def _can_see_breakdowns(user):
    """Breakdowns name zones and projects: members and staff only."""
    return user.is_authenticated and user.can_see_members_area


def _require_member(request):
    if not _can_see_breakdowns(request.user):
        raise PermissionDenied


def _require_staff(request):
    if not request.user.is_staff:
        raise PermissionDenied


def _get_indicator(code):
    return get_object_or_404(Indicator.objects.for_report(), code=code)


# Pages


def dashboard(request):
    rows = report.build()
    today = timezone.localdate()
    context = {"rows": rows, "year": today.year}
    if request.user.is_staff:
        closed = services.closed_years()
        context["closed_years"] = closed
        context["closable_years"] = [
            year for year in range(today.year - 1, today.year - 6, -1) if year not in closed
        ]
    return render(request, "indicators/dashboard.html", context)


def indicator_detail(request, code):
    indicator = _get_indicator(code)
    # Staff compare today's computation with the snapshots of closed years: every year.
    (row,) = report.build([indicator], full=request.user.is_staff)
    method = indicator.method
    context = {
        "row": row,
        "indicator": indicator,
        "targets": list(indicator.targets.all()),
        "years_desc": list(reversed(row.years)),
        "show_breakdowns": _can_see_breakdowns(request.user),
        "is_staff": request.user.is_staff,
    }
    if context["show_breakdowns"] and method is not None and method.regional:
        context["regions"] = _region_table(row, method.by_region())
    if context["show_breakdowns"] and indicator.computation == computations.Replications.code:
        context["projects"] = travel.per_project(travel.implemented_adoptions(request.user))
    return render(request, "indicators/indicator_detail.html", context)


def _region_table(row, breakdown):
    labels = computations.region_labels()
    present = [code for code in labels if any(code in year for year in breakdown.values())]
    return {
        "regions": [labels[code] for code in present],
        "rows": [
            (item.year, [breakdown.get(item.year, {}).get(code, 0) for code in present])
            for item in reversed(row.years)
            if item.year in breakdown
        ],
    }


@login_required
def travels(request):
    _require_member(request)
    adoptions = travel.implemented_adoptions(request.user)
    travel_filter = travel.TravelFilter(request.GET or None, queryset=adoptions)
    rows = list(travel_filter.qs) if travel_filter.is_valid() else list(adoptions)
    return render(
        request,
        "indicators/travel.html",
        {
            "filter": travel_filter,
            "diagram": travel.diagram(rows),
            "adoptions": rows,
        },
    )


# Exports: aggregate figures only, for anyone.

EXPORT_COLUMNS = [
    "indicator",
    "name",
    "unit",
    "year",
    "year_to_date",
    "value",
    "frozen",
    "target_kind",
    "target_low",
    "target_high",
    "target_horizon",
    "status",
]


def _export_rows():
    for row in report.build():
        for item in row.years:
            target = item.target
            yield {
                "indicator": row.indicator.code,
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "year": item.year,
                "year_to_date": item.year_to_date,
                "value": item.value,
                "frozen": item.frozen,
                "target_kind": target.kind if target else "",
                "target_low": target.low if target else None,
                "target_high": target.high if target else None,
                "target_horizon": target.horizon_year if target else None,
                "status": item.status or "",
                "extras": item.extras,
            }


def data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicators.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for item in _export_rows():
        writer.writerow(
            [
                ""
                if item[column] is None
                else str(item[column]).lower()
                if isinstance(item[column], bool)
                else item[column]
                for column in EXPORT_COLUMNS
            ]
        )
    return response


def _json_value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return float(value)


def data_json(request):
    rows = [
        {key: _json_value(value) for key, value in item.items() if key != "extras"}
        | {"details": {key: _json_value(value) for key, value in item["extras"].items()}}
        for item in _export_rows()
    ]
    return JsonResponse({"generated_at": timezone.now().isoformat(), "rows": rows})


# Closing a year


@require_POST
@login_required
def close_year(request):
    _require_staff(request)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    try:
        snapshots = services.close_year(year=year, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(year)s is closed: %(count)s figures frozen.")
            % {"year": year, "count": len(snapshots)},
        )
    return redirect("indicators:dashboard")
