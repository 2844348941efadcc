"""The API, versioned in the path: ``/api/v1/...``; the schema at ``/api/v1/schema/``."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from theodoi.api import views

app_name = "api"

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", views.RedocView.as_view(url_name="api:schema"), name="docs"),
    path("v1/plans/", views.PlanListView.as_view(), name="plan-list"),
    path("v1/plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("v1/plans/<int:pk>/sections/", views.PlanSectionListView.as_view(), name="plan-sections"),
    path("v1/plans/<int:pk>/tasks/", views.PlanTaskListView.as_view(), name="plan-tasks"),
    path("v1/plans/<int:pk>/indicators/", views.PlanIndicatorListView.as_view(), name="plan-indicators"),
    path(
        "v1/plans/<int:pk>/indicator-values/",
        views.PlanIndicatorValueListView.as_view(),
        name="plan-indicator-values",
    ),
    path("v1/provinces/", views.ProvinceListView.as_view(), name="province-list"),
    path("v1/provinces/<slug:code>/", views.ProvinceDetailView.as_view(), name="province-detail"),
    path("v1/agencies/", views.AgencyListView.as_view(), name="agency-list"),
    path("v1/agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency-detail"),
    path("v1/statuses/", views.StatusListView.as_view(), name="statuses"),
    path("v1/open-data/license/", views.OpenDataLicenseView.as_view(), name="open-data-license"),
    path("v1/open-data/plans.csv", views.OpenDataPlanListView.as_view(), name="open-data-plans"),
    path("v1/open-data/plans/<int:pk>.json", views.OpenDataPlanView.as_view(), name="open-data-plan"),
    path("v1/open-data/plans/<int:pk>/tasks.csv", views.OpenDataTasksView.as_view(), name="open-data-tasks"),
    path(
        "v1/open-data/plans/<int:pk>/indicators.csv",
        views.OpenDataIndicatorsView.as_view(),
        name="open-data-indicators",
    ),
    path("v1/reports/", views.ReportListView.as_view(), name="report-list"),
    path("v1/reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("v1/reports/<int:pk>/draft", views.ReportDraftView.as_view(), name="report-draft"),
    path("v1/reports/<int:pk>/submit", views.ReportSubmitView.as_view(), name="report-submit"),
    path(
        "v1/reports/<int:pk>/save-and-submit", views.ReportSaveSubmitView.as_view(), name="report-save-submit"
    ),
]
