from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data.csv", views.data_csv, name="data_csv"),
    path("data.json", views.data_json, name="data_json"),
    path("travel/", views.travels, name="travel"),
    path("close-year/", views.close_year, name="close_year"),
    path("<slug:code>/", views.indicator_detail, name="indicator_detail"),
]
