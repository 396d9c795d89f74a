"""Re-encrypt every EncryptedTextField, in every model, with the newest key.

The procedure (docs/security.md): put the new key first in FIELD_ENCRYPTION_KEYS,
keep the old ones after it, deploy, run this command, then drop the old keys. Rows
are rewritten in small batches, each in its own transaction and locked while it is
rewritten, so the site stays up and a stopped run can simply be run again.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.encryption import EncryptedTextField

BATCH_SIZE = 200


def encrypted_fields_by_model():
    """(model, [encrypted field names]) for every model that has any."""
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names


def rows_rotate(model, names, pks) -> None:
    """Rewrite the rows' encrypted fields: read with any key, written with the newest.

    An `update()` rather than `save()`: no timestamps touched, no save() logic run.
    """
    with transaction.atomic():
        for row in model.objects.select_for_update().filter(pk__in=pks).values("pk", *names):
            pk = row.pop("pk")
            model.objects.filter(pk=pk).update(**row)


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first (newest) key, so old keys can go."

    def handle(self, *args, **options):
        for model, names in encrypted_fields_by_model():
            pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH_SIZE):
                batch = pks[start : start + BATCH_SIZE]
                try:
                    rows_rotate(model, names, batch)
                except Exception as error:  # InvalidToken: a row no key in the list opens
                    raise CommandError(
                        f"{model._meta.label}: a row in {batch[0]}..{batch[-1]} could not be "
                        f"read with any key in FIELD_ENCRYPTION_KEYS ({type(error).__name__}). "
                        "Rows before it are done; put the missing key back and run again."
                    ) from error
            self.stdout.write(f"{model._meta.label}: {len(pks)} rows re-encrypted")
