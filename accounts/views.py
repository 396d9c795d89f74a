"""Account pages: sign-up, the member's own profile, the policies they agree to."""

from allauth.account.views import SignupView as AllauthSignupView
from django.http import Http404
from django.shortcuts import render

from accounts.permissions import PUBLIC, SIGNED_IN, access
from accounts.policies import POLICY_TEMPLATES, POLICY_VERSIONS
from accounts.services import SignupRefused


@access(PUBLIC)
class SignupView(AllauthSignupView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SignupRefused as refusal:
            # Lost a race for the last seat, code use or handle: say so, keep the input.
            form.add_error(refusal.field, refusal.message)
            return self.form_invalid(form)


signup = SignupView.as_view()


@access(SIGNED_IN)
def profile(request):
    return render(request, "accounts/profile.html")


@access(PUBLIC)
def policy(request, name):
    if name not in POLICY_TEMPLATES:
        raise Http404("No such policy.")
    template, kind = POLICY_TEMPLATES[name]
    return render(request, template, {"version": POLICY_VERSIONS[kind]})
