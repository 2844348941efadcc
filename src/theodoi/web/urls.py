"""Addresses of the web UI, in Vietnamese words (what users see in the address bar)."""

from django.urls import path

from theodoi.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("tim-kiem/", views.search, name="search"),
]
