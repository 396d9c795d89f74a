"""Reads for the leads' oversight list."""

from moderation.oversight import sample_item
from moderation.registry import handler_for

EXCERPT = 600


def oversight_rows(samples) -> list[dict]:
    """What a lead reads for each sample: the item as it is now, where it lives, and
    the check's scores when it published it. A deleted item says so."""
    rows = []
    for sample in samples:
        item = sample_item(sample)
        handler = handler_for(item) if item is not None else None
        scores = sorted(sample.assessment.scores.items(), key=lambda pair: -pair[1])[:3]
        rows.append(
            {
                "sample": sample,
                "item": item,
                "kind": handler.kind(item) if item is not None else "",
                "location": handler.location(item) if item is not None else "",
                "url": handler.url(item) if item is not None else "",
                "text": handler.text(item)[:EXCERPT] if item is not None else "",
                "state": item.get_state_display() if item is not None else "Deleted",
                "scores": scores,
            }
        )
    return rows
