"""Celery tasks of the guide console: thin, taking ids; the work is in moderation.oncall.

Services queue `urgent_case_page_task` once the transaction that made a case urgent
commits; the beat task pages whatever was missed (a case opened urgent by the
pipeline or a self-assessment, a broker outage, a failed email)."""

import logging

from celery import shared_task
from django.db import transaction

from moderation import oncall, sla

log = logging.getLogger(__name__)


@shared_task
def urgent_case_page_task(case_id: int) -> str:
    return oncall.urgent_case_page(case_id)


@shared_task
def urgent_cases_page() -> int:
    """Page for every open urgent case not yet paged."""
    paged = 0
    for case_id in list(oncall.urgent_cases_unpaged()):
        try:
            paged += oncall.urgent_case_page(case_id) != "not needed"
        except Exception:  # one bad mailbox must not stop the others: retried next beat
            log.exception("could not page for urgent case %s", case_id)
    return paged


@shared_task
def sla_breaches_raise() -> int:
    """Raise the priority of cases newly past their SLA and tell the leads."""
    return sla.sla_breaches_raise()


def page_on_commit(case) -> None:
    """Page for the case once the current transaction commits, if it is urgent."""
    case_id = case.pk
    transaction.on_commit(lambda: urgent_case_page_task.delay(case_id), robust=True)
