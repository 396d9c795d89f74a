from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from community import moderation_hooks

        moderation_hooks.register()
        post_migrate.connect(_thread_version_triggers, sender=self)


def _thread_version_triggers(using, plan=None, **kwargs):
    # Again after every migrate: SQLite loses a table's triggers when a migration rebuilds it.
    from django.db import connections

    from community.versioning import triggers_install

    connection = connections[using]
    if "community_threadversion" in connection.introspection.table_names():
        triggers_install(connection)
