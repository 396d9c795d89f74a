from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy and members' rights"

    def ready(self):
        from allauth.account.signals import user_logged_in

        from privacy.services.pause import pause_end_on_sign_in

        # Signing in is the way back from a pause (docs/privacy.md): allauth's own
        # sign-in signal is the one place every way of signing in passes through.
        user_logged_in.connect(pause_end_on_sign_in, dispatch_uid="privacy-pause-end")
