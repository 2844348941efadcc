"""Addresses of the web UI, in Vietnamese words (what users see in the address bar)."""

from django.urls import path

from theodoi.web import views, views_evaluation, views_reports, views_review, views_tracking

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
    # Báo cáo tiến độ, hộp thư, điều chỉnh, thông báo (issue 6)
    path("bao-cao/", views_tracking.reports_home, name="reports"),
    path("bao-cao/mo/", views_tracking.report_open, name="report_open"),
    path("bao-cao/<int:pk>/", views_tracking.report_page, name="report"),
    path("bao-cao/<int:pk>/duyet/", views_tracking.report_review, name="report_review"),
    path("bao-cao/<int:pk>/minh-chung/", views_tracking.evidence_upload, name="evidence_upload"),
    path("minh-chung/<int:pk>/", views_tracking.evidence_download, name="evidence_download"),
    path("minh-chung/<int:pk>/go/", views_tracking.evidence_remove, name="evidence_remove"),
    path("phoi-hop/<int:pk>/", views_tracking.contribution_save, name="contribution_save"),
    path("hop-thu/", views_tracking.inbox, name="inbox"),
    path("hop-thu/don-doc/", views_tracking.chase_up, name="chase_up"),
    path("nhiem-vu/<int:pk>/", views_tracking.task_page, name="task"),
    path("de-xuat/", views_tracking.amendments, name="amendments"),
    path("de-xuat/<int:pk>/", views_tracking.amendment_decide, name="amendment_decide"),
    path("thong-bao/", views_tracking.notifications, name="notifications"),
    path("thong-bao/dem/", views_tracking.nav_counts, name="nav_counts"),
    path("thong-bao/doc-het/", views_tracking.notifications_read_all, name="notifications_read_all"),
    path("thong-bao/tuy-chon/", views_tracking.preferences_save, name="preferences_save"),
    path("thong-bao/<int:pk>/", views_tracking.notification_open, name="notification_open"),
    # Tổng quan, bảng điểm, toàn quốc, trang công khai (issue 7)
    path("tong-quan/", views_evaluation.dashboard, name="dashboard"),
    path("tong-quan/bang-diem/", views_evaluation.scorecard, name="scorecard"),
    path("nhiem-vu/", views_evaluation.task_list, name="task_list"),
    path("toan-quoc/", views_evaluation.national, name="national"),
    path("cong-khai/<slug:code>/", views_evaluation.public_province, name="public_province"),
]
