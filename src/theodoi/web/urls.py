"""Addresses of the web UI, in Vietnamese words (what users see in the address bar)."""

from django.urls import path

from theodoi.web import views, views_reports, views_review

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path(
        "ke-hoach/<int:pk>/bao-cao-tong-hop/", views_reports.consolidated_report, name="consolidated_report"
    ),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("tim-kiem/", views.search, name="search"),
    # Nhập kế hoạch: upload, review, publish (issue 5)
    path("nhap-ke-hoach/", views_review.upload, name="review_upload"),
    path("nhap-ke-hoach/<int:pk>/", views_review.draft_page, name="review_draft"),
    path("nhap-ke-hoach/<int:pk>/tien-do/", views_review.draft_progress, name="review_progress"),
    path("nhap-ke-hoach/<int:pk>/thu-lai/", views_review.draft_retry, name="review_retry"),
    path("nhap-ke-hoach/<int:pk>/huy/", views_review.draft_discard, name="review_discard"),
    path("nhap-ke-hoach/<int:pk>/o/", views_review.draft_cell, name="review_cell"),
    path("nhap-ke-hoach/<int:pk>/dong/", views_review.draft_row, name="review_row"),
    path("nhap-ke-hoach/<int:pk>/co-quan/", views_review.agency_suggestions, name="review_agencies"),
    path("nhap-ke-hoach/<int:pk>/cong-bo/", views_review.draft_publish, name="review_publish"),
    path("nhap-ke-hoach/<int:pk>/cong-bo/thay-the/", views_review.draft_supersedes, name="review_supersedes"),
]
