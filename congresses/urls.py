"""Public pages under /mat-tran/."""

from django.urls import path

from . import activity_views, opinion_views, views

app_name = "congresses"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("uy-ban/", views.commune_default, name="commune_default"),
    path("hoi-nghi/", views.conference_list, name="conferences"),
    path("hoi-nghi/<slug:slug>/", views.conference_detail, name="conference"),
    path("dot-hoi-nghi/<int:pk>/", views.meeting_round_detail, name="meeting_round"),
    path("tai-lieu/<int:pk>/", views.document_download, name="document"),
    path("tiep-xuc-cu-tri/", opinion_views.voter_meetings, name="voter_meetings"),
    path("tiep-xuc-cu-tri/<slug:slug>/", opinion_views.voter_meeting_detail, name="voter_meeting"),
    path("giam-sat/", activity_views.supervisions, name="supervisions"),
    path("giam-sat/<slug:slug>/", activity_views.supervision_detail, name="supervision"),
    path("ngay-hoi-dai-doan-ket/", activity_views.unity_festivals, name="unity_festivals"),
    path("ngay-hoi-dai-doan-ket/<int:year>/", activity_views.unity_festival_detail, name="unity_festival"),
    path("ke-hoach/", activity_views.activity_plans, name="activity_plans"),
    path("ke-hoach/<int:pk>/", activity_views.activity_plan_detail, name="activity_plan"),
    path("<slug:commune>/", views.commune_detail, name="commune"),
    path("<slug:commune>/<slug:slug>/", views.area_detail, name="area"),
]
