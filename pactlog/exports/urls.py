from django.urls import URLPattern, URLResolver, path

from pactlog.exports import views

app_name = "exports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/supporters.csv", views.supporters_csv, name="supporters-csv"),
    path("<slug:slug>/supporters.json", views.supporters_json, name="supporters-json"),
    path("<slug:slug>/datapackage.json", views.datapackage_json, name="datapackage"),
    path("<slug:slug>/endorsements.csv", views.endorsements_csv, name="endorsements-csv"),
]
