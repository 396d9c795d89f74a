"""The one error moderation's services raise for an action that is not possible now."""


class ModerationRefused(Exception):
    """The action is not possible now; the message says why, in plain words."""
