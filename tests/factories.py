"""factory_boy factories for the models tests need most."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.roles import Role
from organisations.models import AccessCode, Organisation

PASSWORD = "a-long-test-password"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "university"


class AccessCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessCode

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"CODE-{n:04d}")
    label = "Test faculty"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    handle = factory.Sequence(lambda n: f"calm-otter-{n}")
    role = Role.MEMBER
    birth_year = 1998
    country = "GB"
    is_staff = factory.LazyAttribute(lambda user: user.role == Role.STAFF)
    is_superuser = factory.LazyAttribute(lambda user: user.role == Role.STAFF)

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or PASSWORD)
        if create:
            user.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class TalkaboutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Talkabout"

    title = factory.Sequence(lambda n: f"Talkabout {n}")
    slug = factory.Sequence(lambda n: f"talkabout-{n}")
    description = "A place to talk."
