"""/healthz answers while the process is up; /readyz only while the database, Redis,
each queue's worker and the risk model are all there, and names what is not."""

import time

import pytest
from django.test import Client

from ops.heartbeat import heartbeat_write
from ops.tasks import worker_heartbeat
from tests.moderation.worker import Worker, wait_until

pytestmark = pytest.mark.django_db


def _ready(client=None):
    response = (client or Client()).get("/readyz")
    return response.status_code, response.json()


def _beat_all():
    worker_heartbeat("moderation")
    worker_heartbeat("default")


def test_healthz_answers_anyone_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_when_database_redis_workers_and_model_all_answer():
    _beat_all()
    status, body = _ready()
    assert status == 200, body
    assert body["failed"] == []
    assert set(body["checks"]) == {
        "database",
        "redis",
        "worker:moderation",
        "worker:default",
        "model",
    }
    assert body["checks"]["model"]["detail"] == "loaded (fake-1)"


def test_not_ready_without_any_heartbeat():
    status, body = _ready()
    assert status == 503
    assert body["failed"] == ["worker:moderation", "worker:default", "model"]
    assert "no heartbeat" in body["checks"]["worker:moderation"]["detail"]


def test_a_stale_heartbeat_makes_it_unready(settings):
    _beat_all()
    stale = time.time() - settings.HARBOUR_HEARTBEAT_MAX_AGE_SECONDS - 5
    heartbeat_write(queue="moderation", model_version="fake-1", at=stale)
    status, body = _ready()
    assert status == 503
    assert body["failed"] == ["worker:moderation", "model"]
    assert "ago" in body["checks"]["worker:moderation"]["detail"]


def test_a_wrong_redis_url_makes_it_unready_and_says_so(settings):
    _beat_all()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    status, body = _ready()
    assert status == 503
    assert body["failed"][0] == "redis"
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_a_model_that_cannot_give_a_verdict_makes_it_unready(settings):
    settings.HARBOUR_FAKE_RISK_DECISION = "fail"
    _beat_all()
    status, body = _ready()
    assert status == 503
    assert body["failed"] == ["model"]
    assert "broken" in body["checks"]["model"]["detail"]


def test_the_embedded_default_needs_no_redis_or_worker(settings):
    settings.REDIS_URL = ""
    status, body = _ready()
    assert status == 200, body
    assert "not used" in body["checks"]["worker:moderation"]["detail"]


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_and_beat_keep_it_ready_and_their_loss_shows(tmp_path, settings):
    settings.HARBOUR_HEARTBEAT_MAX_AGE_SECONDS = 5  # a busy machine delays a beat or two
    worker = Worker(
        tmp_path / "worker.log",
        HARBOUR_HEARTBEAT_SECONDS="0.5",
        HARBOUR_RISK_BACKEND="tests.moderation.fakes.FixedVerdictBackend",
    ).start()
    try:
        wait_until(lambda: _ready()[0] == 200, timeout=120)
    finally:
        worker.kill()
    # Each queue's heartbeat goes stale on its own beat: wait until all of them have,
    # and the readiness check names every part that is gone.
    lost = {"worker:moderation", "worker:default", "model"}

    def everything_lost():
        status, body = _ready()
        return status == 503 and lost <= set(body["failed"])

    wait_until(everything_lost, 20)
