from django.urls import path

from accounts import views

urlpatterns = [
    path("accounts/signup/", views.signup, name="account_signup"),
    path("me/", views.profile, name="profile"),
    path("policies/house-rules/", views.policy, {"name": "house-rules"}, name="policy_house_rules"),
    path("policies/privacy/", views.policy, {"name": "privacy"}, name="policy_privacy"),
    path("policies/escalation/", views.policy, {"name": "escalation"}, name="policy_escalation"),
]
