"""URL map: the web UI at the root, the admin for operators."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("theodoi.web.urls")),
]
