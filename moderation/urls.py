from django.urls import path

from moderation.views import (
    actions,
    audit,
    case,
    escalation,
    inbox,
    oncall,
    oversight,
    overview,
    queue,
    standing,
)

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
    path(
        "moderation/cases/<int:pk>/checklist/",
        escalation.escalation_step_view,
        name="escalation_step",
    ),
    path(
        "moderation/cases/<int:pk>/safety-details/",
        escalation.safety_details_view,
        name="safety_details",
    ),
    path(
        "moderation/cases/<int:pk>/outcome/",
        escalation.escalation_outcome_view,
        name="escalation_outcome",
    ),
    path(
        "moderation/cases/<int:pk>/sanction/", escalation.case_sanction_view, name="case_sanction"
    ),
    path("moderation/oncall/", oncall.oncall_rota, name="oncall_rota"),
    path("moderation/alerts/dismiss/", oncall.alerts_dismiss, name="alerts_dismiss"),
    # Leads only
    path("moderation/overview/", overview.lead_overview_view, name="lead_overview"),
    path("moderation/oncall/add/", oncall.oncall_shift_add_view, name="oncall_shift_add"),
    path(
        "moderation/oncall/<int:pk>/remove/",
        oncall.oncall_shift_remove_view,
        name="oncall_shift_remove",
    ),
    path(
        "moderation/sanctions/<int:pk>/lift/", escalation.sanction_lift_view, name="sanction_lift"
    ),
    path("moderation/appeals/", standing.appeal_list, name="appeal_list"),
    path("moderation/appeals/<int:pk>/decide/", standing.appeal_decide_view, name="appeal_decide"),
    path("moderation/oversight/", oversight.oversight_list, name="oversight_list"),
    path(
        "moderation/oversight/<int:pk>/confirm/",
        oversight.oversight_confirm_view,
        name="oversight_confirm",
    ),
    path(
        "moderation/oversight/<int:pk>/hold/", oversight.oversight_hold_view, name="oversight_hold"
    ),
    path("moderation/audit/", audit.audit_log, name="audit_log"),
    path("moderation/audit/export/", audit.audit_export, name="audit_export"),
    # Members: their conversation with the Wall Guides
    path("me/messages/", inbox.guide_messages, name="guide_messages"),
    path("me/standing/", standing.member_standing, name="member_standing"),
    path("me/standing/appeal/", standing.appeal_new, name="appeal_new"),
]
