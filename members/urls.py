from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.zone_list, name="zone_list"),
    path("mine/", views.my_zone, name="my_zone"),
    path("join/", views.join, name="join"),
    path("join/withdraw/", views.join_withdraw, name="join_withdraw"),
    path(
        "requests/<int:pk>/approve/",
        views.join_decide,
        {"decision": "approve"},
        name="join_approve",
    ),
    path(
        "requests/<int:pk>/decline/",
        views.join_decide,
        {"decision": "decline"},
        name="join_decline",
    ),
    path("<slug:slug>/", views.zone_detail, name="zone_detail"),
    path("<slug:slug>/manage/", views.zone_manage, name="zone_manage"),
    path("<slug:slug>/people/<int:user_pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/people/<int:user_pk>/reference/",
        views.member_reference,
        name="member_reference",
    ),
]
