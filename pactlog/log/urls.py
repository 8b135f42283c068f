"""`/log/...`: the tlog-tiles files (one address for every language)."""

from django.urls import path, re_path

from pactlog.log import groupsfile, receipts, verifierdist, views

app_name = "log"

urlpatterns = [
    path("", views.page, name="page"),
    path("checkpoint", views.checkpoint, name="checkpoint"),
    path("policy", views.policy, name="policy"),
    re_path(r"^tile/(?P<path>[0-9a-z./x]+)$", views.tile, name="tile"),
    path("proof/<int:index>", receipts.proof, name="proof"),
    path("groups.json", groupsfile.groups_json, name="groups"),
    path("pactlog-verify/", verifierdist.page, name="verifier"),
    path("pactlog-verify/<str:name>", verifierdist.wheel_file, name="verifier_wheel"),
]
