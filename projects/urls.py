from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("feed/", views.LatestProjectsFeed(), name="feed"),
    path("new/", views.project_create, name="create"),
    path("mine/", views.my_projects, name="mine"),
    path("zones/<slug:slug>/", views.zone_projects, name="zone"),
    path("replications/<int:pk>/", views.adoption_edit, name="adoption_edit"),
    path("invitations/", views.invitation_list, name="invitations"),
    path(
        "invitations/<int:pk>/accept/",
        views.invitation_answer,
        {"accept": True},
        name="invitation_accept",
    ),
    path(
        "invitations/<int:pk>/decline/",
        views.invitation_answer,
        {"accept": False},
        name="invitation_decline",
    ),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/edit/", views.project_edit, name="edit"),
    path("<slug:slug>/budget/", views.project_budget, name="budget"),
    path("<slug:slug>/files/", views.project_files, name="files"),
    path(
        "<slug:slug>/photos/<int:pk>/remove/",
        views.project_file_remove,
        {"kind": "photo"},
        name="photo_remove",
    ),
    path(
        "<slug:slug>/attachments/<int:pk>/remove/",
        views.project_file_remove,
        {"kind": "attachment"},
        name="attachment_remove",
    ),
    path("<slug:slug>/photos/<int:pk>/", views.photo_file, {"size": "full"}, name="photo"),
    path(
        "<slug:slug>/photos/<int:pk>/thumbnail/",
        views.photo_file,
        {"size": "thumbnail"},
        name="photo_thumbnail",
    ),
    path("<slug:slug>/attachments/<int:pk>/", views.attachment_file, name="attachment"),
    path("<slug:slug>/submit/", views.project_submit, name="submit"),
    path("<slug:slug>/archive/", views.project_archive, name="archive"),
    path("<slug:slug>/history/", views.project_history, name="history"),
    path("<slug:slug>/review/", views.project_review, name="review"),
    path("<slug:slug>/interest/", views.project_interest, name="interest"),
]
