"""Write guides' decisions as JSON Lines, only for members who consent to it.

Each line: {"id", "text", "labels", "decision", "decided_at"}. A member who has
withdrawn consent is left out, whatever was kept before.
"""

import json

from django.core.management.base import BaseCommand

from moderation.selectors import exportable_labels


class Command(BaseCommand):
    help = "Export guides' decisions as labelled examples (consenting members only)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="-", help="File to write, or - for stdout.")

    def handle(self, *args, output, **options):
        stream = self.stdout if output == "-" else open(output, "w")  # noqa: SIM115
        count = 0
        for label in exportable_labels():
            stream.write(json.dumps(_line(label)) + "\n")
            count += 1
        if output != "-":
            stream.close()
        self.stderr.write(f"{count} labelled examples written.")


def _line(label) -> dict:
    return {
        "id": f"guide-{label.pk}",
        "text": label.text,
        "labels": label.labels,
        "decision": label.decision,
        "decided_at": label.created_at.isoformat(),
    }
