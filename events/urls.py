from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("archive/<int:year>/", views.archive, name="archive"),
    path("feed.ics", views.feed, name="feed"),
    path("feed/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("guest/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("link/<str:token>/", views.registration_by_link, name="registration_by_link"),
    path("my-consents/", views.my_consents, name="my_consents"),
    path(
        "registrations/<int:pk>/consents/",
        views.registration_consents,
        name="registration_consents",
    ),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("registrations/<int:pk>/accept/", views.registration_accept, name="registration_accept"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/colleague/", views.register_colleague, name="register_colleague"),
    path("<slug:slug>/register/partner/", views.register_guest, name="register_guest"),
    path("<slug:slug>/workshops/", views.choose_sessions, name="choose_sessions"),
    path("<slug:slug>/check-in/", views.check_in, name="check_in"),
    path("<slug:slug>/check-in/add/", views.walk_in, name="walk_in"),
    path("<slug:slug>/check-in/<int:pk>/", views.check_in_person, name="check_in_person"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/<int:pk>/promote/", views.promote, name="promote"),
    path("<slug:slug>/participants.csv", views.export_csv, name="export_csv"),
    path("<slug:slug>/badges/", views.badges, name="badges"),
    path("<slug:slug>/photo-consents/", views.photo_consents, name="photo_consents"),
]
