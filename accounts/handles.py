"""Pseudonymous handles: gentle generated suggestions and the safety checks.

A handle is the only name other people see, so it must not give away who
someone is: no email addresses, phone numbers, links or "firstname.lastname".
"""

import re
import secrets

ADJECTIVES = (
    "amber",
    "brave",
    "calm",
    "clear",
    "cosy",
    "curious",
    "gentle",
    "golden",
    "hopeful",
    "kind",
    "lively",
    "mellow",
    "misty",
    "patient",
    "quiet",
    "restful",
    "silver",
    "sunny",
    "steady",
    "swift",
    "tender",
    "warm",
    "wild",
    "wise",
)
NOUNS = (
    "badger",
    "beacon",
    "birch",
    "brook",
    "cedar",
    "comet",
    "dawn",
    "ember",
    "fern",
    "harbour",
    "heron",
    "lantern",
    "maple",
    "meadow",
    "otter",
    "pebble",
    "puffin",
    "robin",
    "sparrow",
    "thistle",
    "tide",
    "willow",
    "wren",
    "lighthouse",
)

HANDLE_MIN, HANDLE_MAX = 3, 30
_ALLOWED = re.compile(r"^[A-Za-z0-9_\-.]+$")
_URL = re.compile(r"(https?|www\.|\.(com|net|org|co|uk|io|me|info|app|ly)\b)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# "john.smith" or "John.Smith": how email-style real names are written. Without a
# list of names this also catches made-up pairs such as "sunny.days"; the message
# says so, and a dash or underscore is always accepted instead.
_NAME_PAIR = re.compile(r"^[A-Za-z]{2,}\.[A-Za-z]{2,}$")


def suggest_handle() -> str:
    """Return one suggestion such as "steady-heron-42"."""
    return f"{secrets.choice(ADJECTIVES)}-{secrets.choice(NOUNS)}-{secrets.randbelow(90) + 10}"


def handle_problem(handle: str) -> str | None:
    """Say in plain words what is wrong with a handle, or None if it is fine."""
    if not HANDLE_MIN <= len(handle) <= HANDLE_MAX:
        return f"Your name here must be {HANDLE_MIN} to {HANDLE_MAX} characters long."
    if handle.lower().startswith("former-member"):
        return "That name is kept for accounts that have been erased. Please choose another."
    if "@" in handle:
        return "That looks like an email address. Please choose a name that can't identify you."
    if not _ALLOWED.match(handle):
        return "Use only letters, numbers, dots, dashes and underscores."
    if len(_DIGIT.findall(handle)) >= 7:
        return "That looks like a phone number. Please choose a name that can't identify you."
    if _URL.search(handle):
        return "That looks like a web address. Please choose a name without links."
    if _NAME_PAIR.match(handle) and not _is_generated_pair(handle):
        return (
            "That looks like a real first and last name. To stay anonymous, please choose "
            "a made-up name (a dash instead of the dot is fine), or one of our suggestions."
        )
    return None


def _is_generated_pair(handle: str) -> bool:
    first, second = re.split(r"[._]", handle.lower())
    return first in ADJECTIVES and second in NOUNS
