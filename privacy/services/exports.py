"""Building a member's data export, and deleting it once its day is over."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from privacy.models import DataExport, ExportState
from privacy.selectors import SECTIONS


class ExportRefused(Exception):
    """The member cannot have another export just now; the message says why."""


def export_request(*, member, enqueue) -> DataExport:
    """Queue an export of everything about `member`; `enqueue(export_id)` starts the
    task once the request is committed. One export is built at a time."""
    with transaction.atomic():
        working = DataExport.objects.select_for_update().filter(
            member=member, state__in=[ExportState.QUEUED, ExportState.BUILDING]
        )
        if working.exists():
            raise ExportRefused("Your copy is already being put together. It'll be ready soon.")
        export = DataExport.objects.create(member=member, step="Waiting to start")
        transaction.on_commit(lambda: enqueue(export.pk))
    return export


def _progress(export, done: int, total: int, step: str) -> None:
    # Each step is its own committed write, so the member's page sees it move.
    DataExport.objects.filter(pk=export.pk).update(
        state=ExportState.BUILDING, progress=done * 100 // total, step=step
    )


def export_build(*, export_id: int) -> DataExport | None:
    """Collect every section, write the JSON and the readable page, and offer them for
    HARBOUR_EXPORT_HOURS. Does nothing for an export already built or expired."""
    export = DataExport.objects.select_related("member").filter(pk=export_id).first()
    if export is None or not export.is_working:
        return None
    member, data = export.member, {}
    total = len(SECTIONS) + 1
    for done, (key, heading, collect) in enumerate(SECTIONS):
        _progress(export, done, total, heading)
        data[key] = collect(member)
    _progress(export, len(SECTIONS), total, "Writing your files")
    now = timezone.now()
    document = {"harbour_export": {"made": now.isoformat(), "member": member.handle}, **data}
    headings = [(key, heading) for key, heading, _ in SECTIONS]
    export.content_json = json.dumps(document, indent=2, ensure_ascii=False)
    export.content_html = render_to_string(
        "privacy/export_document.html",
        {"member": member, "made": now, "sections": [(h, data[k]) for k, h in headings]},
    )
    export.state, export.progress, export.step = ExportState.READY, 100, "Ready"
    export.ready_at = now
    export.expires_at = now + timedelta(hours=settings.HARBOUR_EXPORT_HOURS)
    export.save()
    return export


def export_failed(*, export_id: int) -> None:
    """Say honestly that the export could not be made, so the member can ask again."""
    DataExport.objects.filter(pk=export_id).exclude(state=ExportState.READY).update(
        state=ExportState.FAILED, step="Something went wrong", content_json="", content_html=""
    )


def exports_expire(*, now=None) -> int:
    """Delete the contents of every export past its day; returns how many."""
    now = now or timezone.now()
    return DataExport.objects.filter(state=ExportState.READY, expires_at__lte=now).update(
        state=ExportState.EXPIRED, content_json="", content_html=""
    )
