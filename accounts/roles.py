"""The roles a Harbour account can hold. Each account holds exactly one."""

from django.db import models


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    GUIDE = "guide", "Wall Guide"
    LEAD = "lead", "Clinical lead"
    ORG_ADMIN = "org_admin", "Organisation admin"
    STAFF = "staff", "Staff"
