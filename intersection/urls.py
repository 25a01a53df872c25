from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from members import views as members_views

from . import views

# The admin login goes through allauth, so that its rate limits and second factor apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Réseau Intersection — administration")
admin.site.site_title = _("Réseau Intersection")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/profile/", members_views.profile, name="profile"),
    path("accounts/", include("allauth.urls")),
    path("zones/", include("members.urls")),
    path("events/", include("events.urls")),
    path("projects/", include("projects.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Zone logos (public) in development; in production the storage serves them (README). Photos
# and attachments of fiches always go through views that check who may read them.
urlpatterns += static(f"{settings.MEDIA_URL}zones/", document_root=settings.MEDIA_ROOT / "zones")
