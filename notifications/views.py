"""The pages of notifications: the user's notices (the bell), a region's notification log, the
secretariat's reminder buttons, a follow-up shared with the regions and partner agencies, and a
partner agency's own list of follow-ups (its home page)."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import (
    DESK_ROLES,
    Role,
    SignedInRequest,
    agency_of,
    deny,
    region_of,
    role_of,
    role_required,
)
from notifications import events
from notifications.followups import follow_ups_visible_to, open_follow_ups_for, updates_visible_to
from notifications.forms import FollowUpUpdateForm, MyContactForm
from notifications.models import Contact, Notification
from regions.models import Region
from reports.models import RakorSession
from reports.workflow import desk
from reports.workflow.writes import session_lock

NOTICES_SHOWN = 50
LOG_SHOWN = 200


@require_http_methods(["GET", "HEAD", "POST"])
def notices(request: HttpRequest) -> HttpResponse:
    """The user's own notices, newest first; POST marks them all read."""
    mine = Notification.objects.notices_for(request.user)
    if request.method == "POST":
        mine.filter(read_at=None).update(read_at=timezone.now())
        return redirect("notifications:notices")
    context = {"notices": mine[:NOTICES_SHOWN]}
    return render(request, "notifications/notices.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def my_contact(request: SignedInRequest) -> HttpResponse:
    """The user's own e-mail address and mobile number, where the desk reaches them."""
    user = request.user
    contact = Contact.objects.filter(user=user).first()
    initial = {"email": user.email, "phone": contact.phone_display if contact else ""}
    form = MyContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_contact(user, form.cleaned_data["email"], form.cleaned_data["phone"])
        messages.success(request, _("Kontak Anda disimpan."))
        return redirect("notifications:my_contact")
    return render(request, "notifications/my_contact.html", {"form": form})


@transaction.atomic
def save_contact(user: User, email: str, phone: str) -> None:
    user.email = email
    user.save(update_fields=["email"])
    if phone:
        Contact.objects.update_or_create(user=user, defaults={"phone": phone})
    else:
        Contact.objects.filter(user=user).delete()


@role_required(*DESK_ROLES)
@require_safe
def log(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = get_object_or_404(Region, pk=region_pk)
    context = {"region": region, "log": Notification.objects.log_of(region)[:LOG_SHOWN]}
    return render(request, "notifications/region_log.html", context)


def _open_session(request: HttpRequest, pk: int) -> RakorSession | None:
    session = get_object_or_404(RakorSession, pk=pk)
    lock = session_lock(session)
    if lock is not None:
        messages.error(request, str(lock))
        return None
    return session


@role_required(Role.SECRETARIAT)
@require_POST
def remind_region(request: SignedInRequest, pk: int, region_pk: int) -> HttpResponse:
    region = get_object_or_404(Region, pk=region_pk)
    session = _open_session(request, pk)
    if session is None:
        return redirect("reports:dashboard_session", pk=pk)
    if not events.missing_regions(session).filter(pk=region.pk).exists():
        messages.info(
            request, _("%(region)s sudah mengirim laporan; tidak perlu diingatkan.") % {"region": region}
        )
    elif events.remind(session, region, sent_by=request.user):
        messages.success(request, _("Pengingat untuk %(region)s dikirim.") % {"region": region})
    else:
        messages.warning(
            request, _("%(region)s belum punya operator aktif untuk diingatkan.") % {"region": region}
        )
    return redirect(session)


@role_required(Role.SECRETARIAT)
@require_POST
def remind_all(request: SignedInRequest, pk: int) -> HttpResponse:
    session = _open_session(request, pk)
    if session is None:
        return redirect("reports:dashboard_session", pk=pk)
    count = events.remind_missing(session, sent_by=request.user)
    done = ngettext(
        "Pengingat dikirim ke %(count)s kabupaten/kota yang belum melapor.",
        "Pengingat dikirim ke %(count)s kabupaten/kota yang belum melapor.",
        count,
    )
    messages.success(request, done % {"count": count})
    return redirect(session)


POSTERS = (Role.OPERATOR, Role.PARTNER)


@role_required(Role.OPERATOR, *DESK_ROLES, Role.PARTNER)
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request: SignedInRequest, pk: int) -> HttpResponse:
    """A follow-up and the progress on it; an operator posts their region's update, a partner
    agency its own."""
    item = get_object_or_404(follow_ups_visible_to(request.user), pk=pk)
    can_post = role_of(request.user) in POSTERS and item.is_open
    form = FollowUpUpdateForm(request.POST or None)
    if request.method == "POST":
        if not can_post:
            raise deny(request, "only an operator or a partner agency posts on an open follow-up", item)
        if form.is_valid():
            update = form.save(commit=False)
            update.follow_up, update.region, update.author = item, region_of(request.user), request.user
            if role_of(request.user) == Role.PARTNER:
                update.agency = agency_of(request.user)
            desk.post_follow_up_update(update, request.user)
            messages.success(request, _("Kabar tindak lanjut disimpan; sekretariat dapat membacanya."))
            return redirect("notifications:follow_up", pk=item.pk)
    context = {
        "item": item,
        "updates": updates_visible_to(request.user, item),
        "form": form if can_post else None,
    }
    return render(request, "notifications/follow_up.html", context)


@role_required(Role.PARTNER)
@require_safe
def agency_follow_ups(request: SignedInRequest) -> HttpResponse:
    """A partner agency's home: the follow-ups assigned to it, open ones first."""
    mine = follow_ups_visible_to(request.user)
    context = {
        "open": list(open_follow_ups_for(request.user)),
        "closed": list(mine.exclude(closed_at=None).order_by("-closed_at")[:LOG_SHOWN]),
        "agency": request.user.agency_membership.get_agency_display() if agency_of(request.user) else "",
    }
    return render(request, "notifications/agency_follow_ups.html", context)
