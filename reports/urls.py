from django.urls import path
from django.views.generic import TemplateView

from reports.views import brief, dashboard, guide, letter, operator, review

app_name = "reports"

urlpatterns = [
    path("tanpa-peran/", TemplateView.as_view(template_name="reports/no_role.html"), name="no_role"),
    path("panduan/", guide.guide, name="guide"),
    path("panduan/<slug:role>/", guide.guide, name="guide_role"),
    # A region's operator (issue 3): this week's report, a session's report, history, past reports.
    path("laporan/", operator.report_form, name="report_form"),
    path("laporan/rakor/<int:session_pk>/", operator.session_report, name="session_report"),
    path("laporan/riwayat/", operator.report_history, name="report_history"),
    path("laporan/riwayat/<int:pk>/", operator.report_view, name="report_view"),
    # The province desk (issue 4): dashboard, drill-down, review, attendance, follow-ups.
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("dasbor/rakor/<int:pk>/", dashboard.dashboard_session, name="dashboard_session"),
    path("dasbor/rakor/<int:pk>/wilayah/<int:region_pk>/", dashboard.region_detail, name="region_detail"),
    path("dasbor/rakor/<int:pk>/kehadiran/", review.attendance, name="attendance"),
    path("dasbor/rakor/<int:pk>/tindak-lanjut/baru/", review.follow_up_create, name="follow_up_create"),
    path(
        "dasbor/rakor/<int:pk>/tindak-lanjut/<int:follow_up_pk>/selesai/",
        review.follow_up_close,
        name="follow_up_close",
    ),
    path("dasbor/laporan/<int:pk>/", dashboard.report_detail, name="report_detail"),
    path("dasbor/laporan/<int:pk>/periksa/", review.review_report, name="review"),
    # The brief for the Minister (issue 5): the letter, print view, files, sign-off, forwarding, reopening.
    path("ringkasan/", brief.brief_current, name="brief_current"),
    path("ringkasan/<int:pk>/", brief.brief, name="brief"),
    path("ringkasan/<int:pk>/cetak/", brief.brief_print, name="brief_print"),
    path("ringkasan/<int:pk>/pdf/", brief.brief_file, {"kind": "pdf"}, name="brief_pdf"),
    path("ringkasan/<int:pk>/xlsx/", brief.brief_file, {"kind": "xlsx"}, name="brief_xlsx"),
    path("ringkasan/<int:pk>/csv/", brief.brief_file, {"kind": "csv"}, name="brief_csv"),
    path("ringkasan/<int:pk>/susun-ulang/", brief.brief_reset, name="brief_reset"),
    path("ringkasan/<int:pk>/teruskan/", brief.brief_forward, name="brief_forward"),
    # The paraf chain (issue 13): submit, paraf, sign; and the public page the letter's QR code opens.
    path("ringkasan/<int:pk>/ajukan/", letter.brief_submit, name="brief_submit"),
    path("ringkasan/<int:pk>/paraf/", letter.brief_paraf, name="brief_paraf"),
    path("ringkasan/<int:pk>/tanda-tangan/", brief.brief_sign, name="brief_sign_off"),
    path("ringkasan/<int:pk>/kembalikan/", brief.brief_send_back, name="brief_send_back"),
    path("ringkasan/pengiriman/<int:pk>/kirim-ulang/", letter.delivery_retry, name="delivery_retry"),
    path("verifikasi/<str:token>/", letter.verify, name="verify"),
    path("ringkasan/<int:pk>/buka-kembali/", brief.brief_reopen, name="brief_reopen"),
    # Every version sent, the superseded ones included, as it was sent.
    path("ringkasan/terkirim/<int:pk>/pdf/", brief.brief_sent_file, {"kind": "pdf"}, name="brief_sent_pdf"),
    path(
        "ringkasan/terkirim/<int:pk>/xlsx/", brief.brief_sent_file, {"kind": "xlsx"}, name="brief_sent_xlsx"
    ),
    path("ringkasan/terkirim/<int:pk>/csv/", brief.brief_sent_file, {"kind": "csv"}, name="brief_sent_csv"),
]
