from django.contrib.auth import views as auth_views
from django.urls import path

from theodoi.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
]
