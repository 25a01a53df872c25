from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from members import views as members_views

from . import views

# The admin login goes through allauth, so that its rate limits and second factor apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Réseau Intersection — administration")
admin.site.site_title = _("Réseau Intersection")

# A member waiting for their zone's approval is told so on the pages kept for members.
handler403 = members_views.permission_denied

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("media/<path:path>", views.public_media, name="public_media"),  # MEDIA_URL
    path("accounts/profile/", members_views.profile, name="profile"),
    path("accounts/my-data/", views.my_data, name="my_data"),
    path("accounts/my-data/download/", views.my_data_download, name="my_data_download"),
    path("accounts/close/", views.close_account, name="close_account"),
    path("accounts/following/", views.following, name="following"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("accounts/", include("allauth.urls")),
    path("zones/", include("members.urls")),
    path("events/", include("events.urls")),
    path("projects/", include("projects.urls")),
    path("awards/", include("awards.urls")),
    path("indicators/", include("indicators.urls")),
    path("i18n/setlang/", members_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
