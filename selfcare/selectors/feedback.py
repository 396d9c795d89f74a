"""Members' feedback for staff, de-identified, in a framework-matrix layout.

One row per answer: response (a number given in this export only, in shuffled
order), question, organisation kind, month, answer. No member, organisation name,
exact date or database id leaves; contact details in the free text are blanked
with the same rules that catch them in posts.
"""

import csv
import io
import secrets

from moderation.classifier.labels import PERSONAL_INFO
from moderation.classifier.ruleset import rules_match
from organisations.models import OrganisationKind
from selfcare.models import FeedbackResponse

QUESTIONS = [
    ("like", "What do you like about Harbour?"),
    ("dislike", "What do you dislike about Harbour?"),
    ("change", "What would you change?"),
    ("supported", "How supported do you feel on Harbour? (1 to 5)"),
    ("community", "How much do you feel part of a community on Harbour? (1 to 5)"),
]
COLUMNS = ["response", "question", "organisation_kind", "month", "answer"]
REMOVED = "[contact details removed]"


def contact_details_blanked(text: str) -> str:
    spans = sorted(
        (match.start, match.end) for match in rules_match(text) if match.label == PERSONAL_INFO
    )
    kept, last = [], 0
    for start, end in spans:
        if start >= last:
            kept += [text[last:start], REMOVED]
            last = end
    return "".join(kept) + text[last:]


def feedback_rows():
    """Every answer as one row; empty answers are left out."""
    kinds = dict(OrganisationKind.choices)
    responses = list(FeedbackResponse.objects.order_by("pk"))
    secrets.SystemRandom().shuffle(responses)
    for number, response in enumerate(responses, start=1):
        kind = kinds.get(response.organisation_kind, "Joined directly")
        month = f"{response.answered_at:%Y-%m}"
        for field, question in QUESTIONS:
            answer = getattr(response, field)
            if answer in (None, ""):
                continue
            if isinstance(answer, str):
                answer = contact_details_blanked(answer)
            yield [number, question, kind, month, answer]


def feedback_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(feedback_rows())
    return out.getvalue()
