"""Pages measured in-process, in a benchmark's Django subprocess: a test client signed
in as someone who just passed their second factor, and a page's percentiles and query
count. Django is set up only in the subprocess, so its imports are inside."""

import statistics
import time


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(ordered), "p50": statistics.median(ordered), "p95": p95}


def mfa_client(user):
    """A test client signed in as `user`, as if they had just typed their TOTP code."""
    from allauth.account.internal.flows import login as allauth_login
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")  # the bench settings allow only the loopback
    client.force_login(user)
    session = client.session
    session[allauth_login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[allauth_login.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "type": "totp", "at": time.time()}
    ]
    session.save()
    return client


def page_timings(client, path: str, requests: int) -> dict:
    """p50 and p95 of `requests` sequential GETs, and the queries of the first."""
    from django.db import connection

    # Counted with a wrapper: the test client's request_started signal empties the
    # connection's query log, which CaptureQueriesContext relies on.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}, not 200")
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return {**percentiles(timings), "queries": len(queries)}
