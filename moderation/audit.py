"""Writing the append-only audit log.

Every action by a guide, lead, staff member or organisation admin that reads
sensitive data or changes a member's content or standing calls `audit_record`
in the same transaction as the change, so there is no change without its entry.
People are named by pseudonym (AuditPseudonym): erasing an account deletes the
pseudonym's row and nothing in the log.
"""

import contextvars
import difflib
import secrets

from django.db import IntegrityError, transaction

from moderation.models import AuditEntry, AuditPseudonym

# Set by moderation.middleware.RequestIdMiddleware for the length of a request.
request_id_var = contextvars.ContextVar("harbour_request_id", default="")


def pseudonym_for(user) -> str:
    """The user's audit pseudonym, made the first time it is needed."""
    if user is None:
        return ""
    existing = AuditPseudonym.objects.filter(user=user).values_list("pseudonym", flat=True).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            made = AuditPseudonym.objects.create(user=user, pseudonym=secrets.token_hex(16))
            return made.pseudonym
    except IntegrityError:  # made at the same moment by another request
        return AuditPseudonym.objects.get(user=user).pseudonym


def audit_record(
    *, actor, action, member=None, subject="", reason="", before="", after=""
) -> AuditEntry:
    """Append one entry. `member` is the person the action concerns, `subject` what
    it was done to ("case:12"). A diff is kept whenever the content changed."""
    diff = text_diff(before, after) if before != after and (before or after) else ""
    return AuditEntry.objects.create(
        actor=pseudonym_for(actor),
        actor_role=getattr(actor, "role", "") or "system",
        action=action,
        target=pseudonym_for(member),
        subject=subject,
        reason=reason,
        before=before,
        after=after,
        diff=diff,
        request_id=request_id_var.get(),
    )


def text_diff(before: str, after: str) -> str:
    """A unified diff of two texts, line by line."""
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), "before", "after", lineterm=""
    )
    return "\n".join(lines)


def words_changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The runs of words taken out and put in, for telling an author what changed."""
    old, new = before.split(), after.split()
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed.append(" ".join(old[a1:a2]))
        if op in ("replace", "insert"):
            added.append(" ".join(new[b1:b2]))
    return removed, added
