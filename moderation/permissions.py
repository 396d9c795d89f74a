"""Who may do what in the guide console, beyond the role each view declares."""

from accounts.roles import Role
from moderation.errors import ModerationRefused
from moderation.models import CaseState

CONSOLE = (Role.GUIDE, Role.LEAD)


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
