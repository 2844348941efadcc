"""URL map: the web UI at the root, sign-in and sign-out, the admin for operators."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from theodoi.core.views import health
from theodoi.web.forms import LoginForm

admin.site.site_header = "Quản trị theodoi"
admin.site.site_title = "Quản trị theodoi"
admin.site.index_title = "Dữ liệu hệ thống"

urlpatterns = [
    path("suc-khoe/", health, name="health"),  # load balancers and monitoring (docs/DEPLOYMENT.md)
    path("admin/", admin.site.urls),
    path("api/", include("theodoi.api.urls")),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("theodoi.web.urls")),
]
