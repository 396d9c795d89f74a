"""Who may do what in the guide console, beyond the role each view declares."""

from types import SimpleNamespace

from accounts.permissions import Access, Outcome
from accounts.roles import Role
from moderation.errors import ModerationRefused
from moderation.idle import session_idle_expired
from moderation.models import CaseState

CONSOLE = (Role.GUIDE, Role.LEAD)
_CONSOLE_ACCESS = Access(roles=frozenset(CONSOLE))


def check_case_act(user, case) -> None:
    """Refuse an action on a case unless the user holds its claim and it is open."""
    if case.state != CaseState.OPEN:
        raise ModerationRefused("This case has already been decided.")
    if case.holder_id() != user.pk:
        raise ModerationRefused(
            "Claim this case before acting on it, so no one else works on it at the same time."
        )


def check_case_message(user, case) -> None:
    """Writing to the member: on an open case only its holder; on a closed one any
    guide or lead, so a member's later reply can always be answered."""
    if case.state == CaseState.OPEN:
        check_case_act(user, case)


def console_socket_allowed(scope) -> bool:
    """Whether a WebSocket may join the live console: the same rule as the console's
    pages (a guide or lead who passed MFA in this session), and a session not timed
    out. Reads the session, so call it from a thread (database_sync_to_async)."""
    user, session = scope.get("user"), scope.get("session")
    if user is None or session is None or not user.is_authenticated:
        return False
    if session_idle_expired(session):
        return False
    as_request = SimpleNamespace(user=user, session=session)
    return _CONSOLE_ACCESS.outcome(as_request) == Outcome.ALLOWED
