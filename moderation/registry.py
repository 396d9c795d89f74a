"""The moderatable protocol: how moderation reaches content it does not own.

An app registers each model whose texts are moderated, with a handler that
knows how to show, hide and describe its items. Moderation changes `state`
and calls the handler; it never imports the app.
"""

from dataclasses import dataclass
from typing import Protocol


class ModeratableHandler(Protocol):
    def kind(self, item) -> str:
        """What the item is, in a word: "post", "reply", "brick", ..."""

    def text(self, item) -> str:
        """The words to check: everything others would see."""

    def publish(self, item) -> None:
        """Make the newest revision public."""

    # A handler whose publish() saves the item's `state` and `pending_since` with the
    # rest says so with `publish_saves_item = True`: the pipeline then leaves the new
    # state to that save instead of an UPDATE of its own just before.

    def hide(self, item) -> None:
        """Take the item out of public view (pulled back, removed or deleted)."""

    def after_decision(self, item, *, approved: bool, message: str) -> None:
        """Tell the author a guide's decision on their held item."""

    def location(self, item) -> str:
        """Where the item lives, for the guide: a Talkabout, a wall, a room."""

    def url(self, item) -> str:
        """A link to the item in its context."""

    # Used by the guide console; a handler without them still works there, with
    # no context shown and no redacting edit offered.

    def related(self) -> list[str]:
        """select_related paths that location() and text() need, for the queue."""

    def context(self, item) -> list[dict]:
        """What came before the item where it lives (the thread, the room), oldest
        first, as {"who", "text", "when"}, for the guide to read it in place."""

    def redact(self, item, text: str) -> None:
        """Replace the newest revision's words with a guide's edit of text(item).
        Raise ValueError, in plain words, if the edit cannot be applied."""


@dataclass(frozen=True)
class Registration:
    model: type
    handler: ModeratableHandler


_registry: dict[type, Registration] = {}


def register(model: type, handler: ModeratableHandler) -> None:
    _registry[model] = Registration(model, handler)


def handler_for(item) -> ModeratableHandler:
    try:
        return _registry[type(item)].handler
    except KeyError:
        raise LookupError(f"{type(item).__name__} is not registered as moderatable") from None


def is_private(item) -> bool:
    """Whether the item's kind is never public (a member's self-assessment alert):
    nothing of it may leave moderation, not even as a training label. A handler
    says so with `private = True`."""
    return getattr(handler_for(item), "private", False)


def handler_for_model(model: type) -> ModeratableHandler:
    return _registry[model].handler


def registered_models() -> list[type]:
    return list(_registry)
