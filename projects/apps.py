from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project sheets")

    def ready(self):
        from members.models import Zone

        from . import catalogue
        from .models import Theme

        # The cached catalogue shows theme and zone names: a change to either shows at once.
        for model in (Theme, Zone):
            for signal in (post_save, post_delete):
                uid = f"catalogue-{model._meta.label}"
                signal.connect(catalogue.bump_on_change, sender=model, dispatch_uid=uid)
