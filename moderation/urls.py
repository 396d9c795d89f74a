from django.urls import path

from moderation.views import actions, audit, case, inbox, queue

urlpatterns = [
    # The Wall Guide console: guides and leads
    path("moderation/cases/", queue.case_list, name="case_list"),
    path("moderation/cases/next/", queue.case_next, name="case_next"),
    path("moderation/cases/<int:pk>/", case.case_detail_view, name="case_detail"),
    path("moderation/cases/<int:pk>/claim/", case.case_claim_view, name="case_claim"),
    path("moderation/cases/<int:pk>/release/", case.case_release_view, name="case_release"),
    path("moderation/cases/<int:pk>/reassign/", case.case_reassign_view, name="case_reassign"),
    path("moderation/cases/<int:pk>/approve/", actions.case_approve_view, name="case_approve"),
    path("moderation/cases/<int:pk>/redact/", actions.case_redact_view, name="case_redact"),
    path("moderation/cases/<int:pk>/remove/", actions.case_remove_view, name="case_remove"),
    path("moderation/cases/<int:pk>/message/", actions.case_message_view, name="case_message"),
    path("moderation/cases/<int:pk>/escalate/", actions.case_escalate_view, name="case_escalate"),
    path("moderation/cases/<int:pk>/note/", actions.case_note_view, name="case_note"),
    path(
        "moderation/cases/<int:pk>/hold-recent/",
        actions.case_hold_recent_view,
        name="case_hold_recent",
    ),
    # Leads only
    path("moderation/audit/", audit.audit_log, name="audit_log"),
    path("moderation/audit/export/", audit.audit_export, name="audit_export"),
    # Members: their conversation with the Wall Guides
    path("me/messages/", inbox.guide_messages, name="guide_messages"),
]
