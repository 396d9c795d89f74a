"""Consent to model improvement: withdrawn at any time from the privacy page, and
the member's items leave the label export at once."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.selectors import model_improvement_consented
from moderation.models import GuideLabel

pytestmark = pytest.mark.django_db


def _exported_texts() -> list[str]:
    out = io.StringIO()
    call_command("moderation_export_labels", stdout=out, stderr=io.StringIO())
    return [json.loads(line)["text"] for line in out.getvalue().splitlines()]


def test_withdrawal_takes_the_members_items_out_of_the_label_export(
    client_for, member, alices_world
):
    texts = _exported_texts()
    assert any("Alice" in text for text in texts) and any("Bob" in text for text in texts)

    response = client_for(member).post(reverse("privacy_consent"), {"action": "withdraw"})

    assert response.status_code == 302
    assert not model_improvement_consented(member)
    texts = _exported_texts()
    assert not any("Alice" in text for text in texts)
    assert any("Bob" in text for text in texts)  # another member's consent stands
    assert not GuideLabel.objects.filter(author=member).exclude(text="").exists()


def test_consenting_again_does_not_bring_back_withdrawn_items(client_for, member, alices_world):
    client = client_for(member)
    client.post(reverse("privacy_consent"), {"action": "withdraw"})
    client.post(reverse("privacy_consent"), {"action": "give"})
    assert model_improvement_consented(member)
    assert not any("Alice" in text for text in _exported_texts())


def test_the_privacy_page_offers_withdrawal_while_consent_stands(client_for, member, alices_world):
    client = client_for(member)
    assert b'value="withdraw"' in client.get(reverse("privacy_home")).content
    client.post(reverse("privacy_consent"), {"action": "withdraw"})
    page = client.get(reverse("privacy_home")).content
    assert b'value="withdraw"' not in page and b'value="give"' in page
