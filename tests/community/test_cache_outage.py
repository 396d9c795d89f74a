"""While Redis is unreachable, members still read and write from the database; signing in
waits for it (its rate limits may not fail open) and says so; and no copy written or
deleted meanwhile is served once it is back."""

import os
import signal
import time

import pytest
import redis
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from community.models import Post
from config import cache as cache_module
from tests.factories import PASSWORD, UserFactory
from tests.faults.services import RedisServer

pytestmark = pytest.mark.django_db


def _resilient(url, **options):
    return {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.3, **options},
        }
    }


DEAD_REDIS = _resilient("redis://127.0.0.1:1/0")  # nothing listens there


@pytest.fixture(autouse=True)
def _no_outage_left_behind():
    yield
    cache_module._outages.clear()


def test_with_redis_down_a_member_reads_the_forum_and_replies(member, published_thread):
    client = Client(raise_request_exception=False)  # as a server: a failure would be a 500
    client.force_login(member)
    with override_settings(CACHES=DEAD_REDIS):
        pages = [
            client.get(reverse("talkabout_detail", args=[published_thread.talkabout.slug])),
            client.get(reverse("talkabout_list")),
            client.get(reverse("thread_detail", args=[published_thread.pk])),
        ]
        replied = client.post(
            reverse("reply_new", args=[published_thread.pk]), {"body": "Still here with you."}
        )
        assert not cache_module.cache_reachable()
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "Rough week" in pages[0].content.decode()
    assert "hard" in pages[2].content.decode()
    assert replied.status_code == 302, replied.content.decode()[:500]
    assert Post.objects.filter(thread=published_thread, body="Still here with you.").exists()


def test_with_redis_down_signing_in_waits_and_says_why():
    person = UserFactory(email="wren@example.com")
    with override_settings(CACHES=DEAD_REDIS):
        response = Client().post(
            reverse("account_login"), {"login": person.email, "password": PASSWORD}
        )
    page = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert "Signing in is paused for a moment" in page
    assert f'href="{reverse("crisis_help")}"' in page
    assert "_auth_user_id" not in response.client.session


def test_too_many_attempts_with_redis_up_says_so(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    person = UserFactory(email="heron@example.com")
    client = Client()
    caches["default"].clear()
    for _ in range(2):
        response = client.post(reverse("account_login"), {"login": person.email, "password": "no"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_what_was_written_or_deleted_during_an_outage_is_deleted_once_redis_is_back(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(cache_module, "RETRY_AFTER_SECONDS", 0.1)
    server = RedisServer(tmp_path / "redis.log").start()
    raw = redis.Redis.from_url(server.url)
    try:
        with override_settings(CACHES=_resilient(server.url)):
            cache = caches["default"]
            cache.set_many({"session-copy": "signed in", "page-copy": "old page"})
            os.kill(server.process.pid, signal.SIGSTOP)  # Redis stops answering
            assert cache.get("page-copy") is None  # waits, then serves a miss
            cache.delete("session-copy")  # a member signs out: only the database knows
            cache.set("page-copy", "new page")  # the page changed: only the database knows
            assert cache.get("page-copy") is None
            assert not cache_module.cache_reachable()
            os.kill(server.process.pid, signal.SIGCONT)  # back, with the old copies
            assert sorted(key.decode().split(":")[-1] for key in raw.keys("*")) == [
                "page-copy",
                "session-copy",
            ]
            time.sleep(0.2)
            assert cache.get("anything") is None  # the first call after settles the debt
            assert cache_module.cache_reachable()
            assert raw.keys("*") == []
            cache.set("page-copy", "new page")
            assert cache.get("page-copy") == "new page"
    finally:
        os.kill(server.process.pid, signal.SIGCONT)
        server.stop()
