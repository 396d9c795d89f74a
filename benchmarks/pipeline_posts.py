"""The posts the pipeline benchmark submits, shared with raw inference so that the two
are timed on the same texts: each opens a thread titled TITLE, and the risk check reads
an opening post as its title, a blank line and its body (community.moderation_hooks)."""

TITLE = "Load"
BODIES = [
    "Had a rough day at work but talking to my sister helped a bit.",
    "Does anyone else find it hard to sleep before exams? Any tips?",
    "I've been feeling really low for weeks and I don't know who to tell.",
    "Thank you all for the kind replies yesterday, it meant a lot to me.",
]


def post_body(n: int) -> str:
    """The body of the n-th post: numbered, so that every post is a new text."""
    return f"{BODIES[n % len(BODIES)]} ({n})"


def checked_text(n: int) -> str:
    """The text the risk check reads for the n-th post."""
    return f"{TITLE}\n\n{post_body(n)}"
