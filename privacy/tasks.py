"""Celery tasks for members' rights: thin, taking ids; the work is in services."""

import logging

from celery import shared_task

from privacy.services.exports import export_build as export_build_service
from privacy.services.exports import export_failed
from privacy.services.exports import exports_expire as exports_expire_service
from privacy.services.retention import retention_enforce as retention_enforce_service

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def export_build(export_id: int) -> None:
    try:
        export_build_service(export_id=export_id)
    except Exception:
        log.exception("Export %s could not be built", export_id)
        export_failed(export_id=export_id)


def export_enqueue(export_id: int) -> None:
    export_build.delay(export_id)


@shared_task
def exports_expire() -> int:
    return exports_expire_service()


@shared_task
def retention_enforce() -> dict:
    return retention_enforce_service()
