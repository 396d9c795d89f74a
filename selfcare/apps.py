from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    name = "selfcare"
    verbose_name = "Self-care"

    def ready(self):
        from selfcare import moderation_hooks

        moderation_hooks.register()
