"""The site's URLs plus the floor of the benchmark: a view that does nothing, so that its
throughput is what Django and the site's middleware cost on their own. Used only by
bench.projects (which sets ROOT_URLCONF to this module for its run)."""

from django.http import HttpResponse
from django.urls import path

from intersection.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
