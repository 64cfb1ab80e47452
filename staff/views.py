"""Admin views: the lock-out answer, setting two-step verification up or off, and the code
asked for after the password. Thin: the work is in services.py, the reads in selectors.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import selectors, services
from .forms import CodeForm


def safe_next(request, default=None):
    """The ``next`` asked for, if it is a path on this site; else ``default`` (admin home)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home") if default is None else default


def sign_in_locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in form again with the reason, status 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    # Shown where the login page shows a wrong password, in the same style; used up here.
    messages.error(request, selectors.lockout_message())
    context = {
        "form": get_user_login_form()(request, initial={"username": username}),
        "next": safe_next(request),
        "show_password_reset": password_reset_enabled(),
    }
    return render(
        request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def _session_verified(request, device):
    """This session has given a code: new session key, device remembered in the session."""
    request.session.cycle_key()
    otp_login(request, device)


class TwoStepView(WagtailAdminTemplateMixin, FormView):
    """Account → Two-step verification: set up (QR code, secret, first code) or turn off."""

    template_name = "accounts/two_step.html"
    page_title = "Two-step verification"
    header_icon = "key"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        self.device = selectors.confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_account"), "label": "Account"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            device=self.device,
            required=selectors.two_step_required(user),
            next=safe_next(self.request, default=""),
        )
        if self.device is None:
            pending = services.two_step_setup_start(user=user)
            context.update(
                action_url=reverse("accounts_two_step"),
                qr_code=selectors.device_qr_data_uri(pending),
                secret=selectors.device_secret(pending),
            )
        else:
            context["action_url"] = reverse("accounts_two_step_disable")
        return context

    def post(self, request, *args, **kwargs):
        if self.device is not None:
            messages.info(request, "Two-step verification is already on.")
            return redirect("accounts_two_step")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            device = services.two_step_enable(
                user=self.request.user, code=form.cleaned_data["code"]
            )
        except services.TwoStepRefused as refusal:
            form.add_error("code", refusal.message)
            return self.form_invalid(form)
        _session_verified(self.request, device)
        messages.success(
            self.request,
            "Two-step verification is on. From now on you will be asked for a code from your "
            "app after your password.",
        )
        return redirect(safe_next(self.request, default=reverse("accounts_two_step")))


class TwoStepDisableView(TwoStepView):
    """Turn two-step verification off, with a current code (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.device is None:
            return redirect("accounts_two_step")
        return FormView.post(self, request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.two_step_disable(user=self.request.user, code=form.cleaned_data["code"])
        except services.TwoStepRefused as refusal:
            form.add_error("code", refusal.message)
            return self.form_invalid(form)
        self.request.session.pop(DEVICE_ID_SESSION_KEY, None)
        messages.success(self.request, "Two-step verification is off.")
        return redirect("accounts_two_step")


class TwoStepVerifyView(FormView):
    """After the password: "Enter your code". Wrong codes count toward the lock-out."""

    template_name = "accounts/two_step_verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified() or not user_has_device(request.user):
            return redirect(safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, next=safe_next(self.request))

    def post(self, request, *args, **kwargs):
        if settings.AXES_ENABLED and selectors.sign_in_locked(request, request.user.get_username()):
            return self.lock_out()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        request = self.request
        username = request.user.get_username()
        try:
            device = services.two_step_verify(user=request.user, code=form.cleaned_data["code"])
        except services.TwoStepRefused as refusal:
            if refusal.wrong_code:
                services.sign_in_failure_record(request=request, username=username)
                if getattr(request, "axes_locked_out", False):
                    return self.lock_out()
            form.add_error("code", refusal.message)
            return self.form_invalid(form)
        _session_verified(request, device)
        services.sign_in_failures_reset(request=request, username=username)
        return redirect(safe_next(request))

    def lock_out(self):
        # The password step is undone: after the lock-out, sign-in starts again.
        logout(self.request)
        # AxesMiddleware answers a flagged request with the lock-out page (sign_in_locked_out).
        self.request.axes_locked_out = True
        return HttpResponse(status=settings.AXES_HTTP_RESPONSE_CODE)
