"""Health, readiness and metrics for the load balancer and the monitoring system."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render as render_page
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.permissions import PUBLIC, access
from accounts.roles import Role
from config.cache import cache_reachable
from ops.exposition import CONTENT_TYPE, render
from ops.health import readiness
from ops.metrics import metrics_collect


@access(PUBLIC)
@never_cache
@require_GET
def healthz(request):
    """The process is up and serving: nothing else is touched, so it stays cheap."""
    return JsonResponse({"status": "ok"})


@access(PUBLIC)
@never_cache
@require_GET
def readyz(request):
    """Ready for traffic: database, Redis, workers' heartbeats and the risk model.
    503 names what failed, so the balancer stops sending members here meanwhile."""
    checks = readiness()
    failed = [check.name for check in checks if not check.ok]
    body = {
        "status": "unavailable" if failed else "ok",
        "failed": failed,
        "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in checks},
    }
    return JsonResponse(body, status=503 if failed else 200)


@access(Role.STAFF, bearer="HARBOUR_METRICS_TOKEN")
@never_cache
@require_GET
def metrics(request):
    """Prometheus's scrape: a bearer token (HARBOUR_METRICS_TOKEN) or a staff session."""
    return HttpResponse(render(metrics_collect()), content_type=CONTENT_TYPE)


@access(PUBLIC)
@never_cache
def too_many_requests(request):
    """allauth's answer to too many sign-in attempts (it looks for ROOT_URLCONF.handler429).
    While the cache is unreachable, signing in gets it too: allauth's rate-limit lock is
    refused then rather than letting attempts through unguarded, so say what it is."""
    context = {"cache_down": not cache_reachable()}
    return render_page(request, "429.html", context, status=429)
