"""Re-encrypt every encrypted field with the newest key in FIELD_ENCRYPTION_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.encryption import EncryptedTextField


def encrypted_fields_by_model():
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first (newest) key, so old keys can go."

    def handle(self, *args, **options):
        for model, names in encrypted_fields_by_model():
            count = 0
            for pk in model.objects.values_list("pk", flat=True).iterator():
                # Reading decrypts with any key; saving encrypts with the newest.
                with transaction.atomic():
                    row = model.objects.select_for_update().get(pk=pk)
                    row.save(update_fields=names)
                count += 1
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
