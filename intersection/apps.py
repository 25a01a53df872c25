from django.apps import AppConfig


class IntersectionConfig(AppConfig):
    """The site itself: home page, probes, and the commands that span every app."""

    name = "intersection"
    verbose_name = "Réseau Intersection"
