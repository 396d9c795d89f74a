"""A member's data export: built by the task with progress, every kind of their data
in it and nothing of anyone else's, offered for 24 hours to them alone."""

import json
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from privacy.links import SALT
from privacy.models import DataExport, ExportState
from privacy.services.exports import exports_expire
from tests.auth import reauthenticate, sign_in

pytestmark = pytest.mark.django_db


def _request_export(client, django_capture_on_commit_callbacks):
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy_export_request"))
    assert response.status_code == 302
    return DataExport.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def _links(client, export):
    page = client.get(reverse("privacy_export", args=[export.pk]))
    token = page.context["token"]
    if not token:
        return None, None
    return (
        reverse("privacy_export_json", args=[token]),
        reverse("privacy_export_html", args=[token]),
    )


@pytest.fixture
def ready_export(client_for, member, alices_world, django_capture_on_commit_callbacks):
    client = client_for(member)
    export = _request_export(client, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    return client, export


def test_the_export_holds_every_kind_of_the_members_data(ready_export):
    client, export = ready_export
    assert export.state == ExportState.READY and export.progress == 100
    json_url, _ = _links(client, export)
    data = json.loads(client.get(json_url).content)
    assert data["profile"][0]["email"] == "alice@example.com"
    assert data["safety_details"][0]["real_name"] == "Alice Realname"
    assert {c["kind"] for c in data["consents"]} >= {"Use of my posts to improve the risk check"}
    posts = {(p["kind"], p["text"], p["state"]) for p in data["posts"]}
    assert ("thread", "Alice opening words", "Published") in posts
    assert ("reply", "Alice reply words", "Published") in posts
    bricks = [(brick["text"], brick["state"]) for brick in data["bricks"]]
    assert bricks == [("Alice brick words", "With a Wall Guide")]
    assert [m["text"] for m in data["chat_messages"]] == ["Alice chat words"]
    assert len(data["hugs_given"]) == 1 and len(data["bookmarks"]) == 1
    assert data["self_assessments"][0]["score"] == 8
    assert data["journal"][0]["text"] == "Alice journal words"
    assert data["safety_plan"][0]["My warning signs"] == "Alice warning signs"
    records = [row["record"] for row in data["buddy_history"]]
    assert records == ["profile", "match"]
    assert data["guide_messages"][0]["text"] == "Alice words to the guides"


def test_the_export_holds_nothing_of_another_member(ready_export):
    client, export = ready_export
    json_url, html_url = _links(client, export)
    for url in (json_url, html_url):
        body = client.get(url).content.decode()
        assert "Alice journal words" in body
        for trace in ("Bob", "bob-heron", "bob@example.com"):
            assert trace not in body, (url, trace)


def test_the_readable_page_shows_each_section(ready_export):
    client, export = ready_export
    _, html_url = _links(client, export)
    response = client.get(html_url)
    assert response["Content-Type"].startswith("text/html")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    headings = ("Threads and replies", "Journal", "Safety plan", "Messages with the Wall Guides")
    for heading in headings:
        assert f"<h2>{heading}</h2>" in body
    assert "Alice warning signs" in body


def test_progress_is_shown_while_the_export_is_built(client_for, member):
    export = DataExport.objects.create(member=member, state=ExportState.BUILDING, progress=40,
                                       step="Journal")  # fmt: skip
    response = client_for(member).get(reverse("privacy_export", args=[export.pk]))
    body = response.content.decode()
    assert 'http-equiv="refresh"' in body
    assert 'value="40"' in body and "Journal" in body


def test_an_export_asks_for_the_password_again_first(client_for, member):
    response = client_for(member).post(reverse("privacy_export_request"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not DataExport.objects.exists()


def test_a_second_request_while_building_makes_no_second_export(client_for, member):
    DataExport.objects.create(member=member, state=ExportState.BUILDING)
    client = client_for(member)
    reauthenticate(client)
    response = client.post(reverse("privacy_export_request"), follow=True)
    assert DataExport.objects.filter(member=member).count() == 1
    assert b"already being put together" in response.content


def test_the_link_works_for_no_other_member(ready_export, other_member):
    client, export = ready_export
    json_url, html_url = _links(client, export)
    bob = Client()
    sign_in(bob, other_member)
    assert bob.get(json_url).status_code == 404
    assert bob.get(html_url).status_code == 404
    assert bob.get(reverse("privacy_export", args=[export.pk])).status_code == 404


def test_an_altered_link_opens_nothing(ready_export):
    client, export = ready_export
    page = client.get(reverse("privacy_export", args=[export.pk]))
    altered = page.context["token"][:-2] + "xx"
    assert client.get(reverse("privacy_export_json", args=[altered])).status_code == 404


class _SignedEarlier(signing.TimestampSigner):
    """Django's signer, as it would have signed `hours` ago."""

    def __init__(self, hours, **kwargs):
        super().__init__(**kwargs)
        self.hours = hours

    def timestamp(self):
        return signing.b62_encode(int(time.time() - self.hours * 3600))


def _link_signed_ago(export, hours):
    token = _SignedEarlier(hours, salt=SALT).sign(f"{export.pk}.{export.member_id}")
    return reverse("privacy_export_json", args=[token])


def test_the_link_expires_after_24_hours(ready_export):
    client, export = ready_export
    assert client.get(_link_signed_ago(export, 23.9)).status_code == 200
    response = client.get(_link_signed_ago(export, 24.1))
    assert response.status_code == 410
    assert b"This link has expired" in response.content


def test_the_copy_is_deleted_after_24_hours(ready_export):
    client, export = ready_export
    assert exports_expire(now=timezone.now() + timedelta(hours=23)) == 0
    assert exports_expire(now=timezone.now() + timedelta(hours=24, minutes=1)) == 1
    export.refresh_from_db()
    assert export.state == ExportState.EXPIRED
    assert export.content_json == "" and export.content_html == ""
    json_url, _ = _links(client, export)  # no link is offered any more
    assert json_url is None
