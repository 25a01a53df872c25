from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.edition_list, name="editions"),
    path("jury/", views.jury_home, name="jury"),
    path("jury/<int:prize_pk>/entries/<int:entry_pk>/", views.jury_entry, name="jury_entry"),
    path(
        "jury/<int:prize_pk>/entries/<int:entry_pk>/conflict/",
        views.jury_conflict,
        name="jury_conflict",
    ),
    path("prizes/<int:prize_pk>/results/", views.prize_results, name="results"),
    path("prizes/<int:prize_pk>/decide/", views.prize_decide, name="decide"),
    path("prizes/<int:prize_pk>/scores.csv", views.prize_export, name="export"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("vote/<str:token>/", views.guest_vote, name="guest_vote"),
    path("<int:year>/", views.edition_detail, name="edition"),
    path("<int:year>/enter/", views.entry_create, name="enter"),
    path("<int:year>/publish/", views.edition_publish, name="publish"),
    path("<int:year>/prizes/<int:prize_pk>/vote/", views.vote, name="vote"),
    path("<int:year>/prizes/<int:prize_pk>/guest-links/", views.guest_links, name="guest_links"),
]
