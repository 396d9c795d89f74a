"""The Django admin shows staff no member's email, safety details, journal or
self-assessment results, and every look at a member-related record is audited."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.encryption import EncryptedTextField
from accounts.models import SafetyDetails
from moderation.admin_audit import AuditedAdminMixin, is_member_related
from moderation.audit import pseudonym_for
from moderation.models import AuditAction, AuditEntry, AuditPseudonym
from selfcare.models import SafetyPlan, SelfAssessment, SelfAssessmentAlert
from tests.factories import UserFactory

PRIVATE_MODELS = {
    SafetyDetails, SafetyPlan, SelfAssessment, SelfAssessmentAlert, EmailAddress, Authenticator,
    AuditPseudonym,
}  # fmt: skip


def registered():
    return list(admin.site._registry.items())


def shown_fields(model_admin, request):
    """Every field name an admin lists, searches, filters or puts on its form."""
    names = [
        *model_admin.get_list_display(request),
        *model_admin.get_search_fields(request),
        *[f if isinstance(f, str) else f[0] for f in model_admin.get_list_filter(request)],
        *model_admin.get_fields(request),
    ]
    for inline in model_admin.get_inline_instances(request):
        names += [*inline.get_fields(request), *getattr(inline, "search_fields", [])]
    return [name for name in names if isinstance(name, str)]


def encrypted(model):
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def test_private_records_are_not_in_the_admin():
    models = {model for model, _ in registered()}
    assert not models & PRIVATE_MODELS
    assert [model._meta.label for model in models if encrypted(model)] == []


@pytest.mark.django_db
def test_no_admin_lists_searches_or_edits_an_email_or_encrypted_text(staff):
    request = RequestFactory().get("/admin/")
    request.user = staff
    leaks = []
    for model, model_admin in registered():
        for name in shown_fields(model_admin, request):
            last = name.split("__")[-1].lstrip("^=@")
            if "email" in last or last in encrypted(model):
                leaks.append(f"{model._meta.label}.{name}")
    assert leaks == []


def test_every_admin_of_member_related_records_is_audited():
    unaudited = [
        model._meta.label
        for model, model_admin in registered()
        if is_member_related(model) and not isinstance(model_admin, AuditedAdminMixin)
    ]
    assert unaudited == []
    assert is_member_related(SafetyDetails)  # the check itself sees a foreign key to a user


@pytest.fixture
def staff_client(signed_in, staff):
    return signed_in(staff)


def entries(action):
    return AuditEntry.objects.filter(action=action)


@pytest.mark.django_db
def test_opening_the_members_list_is_audited(staff_client, staff, member):
    response = staff_client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert b"alice-wren" in response.content and b"alice@example.com" not in response.content
    entry = entries(AuditAction.ADMIN_LIST_VIEWED).get()
    assert entry.actor == pseudonym_for(staff) and entry.subject == "admin:accounts.user"


@pytest.mark.django_db
def test_opening_a_member_is_audited_and_shows_no_email_or_safety_details(staff_client, member):
    SafetyDetails.objects.create(user=member, real_name="Alice Wren", phone="07700 900456")
    response = staff_client.get(reverse("admin:accounts_user_change", args=[member.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "alice-wren" in page
    assert "alice@example.com" not in page and "07700" not in page and "Alice Wren" not in page
    entry = entries(AuditAction.ADMIN_RECORD_VIEWED).get()
    assert entry.target == pseudonym_for(member)
    assert entry.subject == f"admin:accounts.user:{member.pk}"


@pytest.mark.django_db
def test_a_members_admin_history_is_audited(staff_client, member):
    staff_client.get(reverse("admin:accounts_user_history", args=[member.pk]))
    assert entries(AuditAction.ADMIN_HISTORY_VIEWED).get().target == pseudonym_for(member)


@pytest.mark.django_db
def test_a_change_made_in_the_admin_is_audited(staff_client, member):
    url = reverse("admin:accounts_user_change", args=[member.pk])
    form = {"handle": "alice-wren", "role": "member", "organisation": member.organisation_id}
    response = staff_client.post(url, form)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active is False  # unticked: the change was made
    assert entries(AuditAction.ADMIN_RECORD_CHANGED).get().target == pseudonym_for(member)


@pytest.mark.django_db
def test_a_failed_lookup_records_nothing_about_anyone(staff_client):
    other = UserFactory(handle="someone-else")
    staff_client.get(reverse("admin:accounts_user_change", args=[other.pk + 1000]))
    assert not entries(AuditAction.ADMIN_RECORD_VIEWED).exists()


@pytest.mark.django_db
def test_content_admins_are_not_audited_as_member_records(staff_client):
    staff_client.get(reverse("admin:selfcare_article_changelist"))
    assert not AuditEntry.objects.filter(action__startswith="admin_").exists()
