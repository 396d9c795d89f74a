"""Branding: logos are checked, redrawn and stripped of metadata; an accent colour
that would make text hard to read is refused; members of the organisation see it,
nobody else does."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.branding import contrast_ratio
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

CAMERA_MAKE = 0x010F
GPS_INFO = 0x8825


def jpeg_with_exif(size=(800, 400)) -> bytes:
    image = Image.new("RGB", size, (31, 95, 139))
    exif = Image.Exif()
    exif[CAMERA_MAKE] = "Secret Camera Co"
    exif[0x013B] = "Dr Jane Private"  # Artist
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, comment=b"internal draft")
    return output.getvalue()


def upload(portal, content, name="logo.jpg", content_type="image/jpeg", **fields):
    data = {"display_name": "", "accent_colour": "", **fields}
    if content is not None:
        data["logo"] = SimpleUploadedFile(name, content, content_type=content_type)
    return portal.post(reverse("portal:branding"), data)


def test_a_logo_is_redrawn_as_png_without_its_metadata(portal, organisation):
    original = jpeg_with_exif()
    assert b"Secret Camera Co" in original  # the test file does carry it
    assert upload(portal, original).status_code == 302
    organisation.refresh_from_db()
    stored = bytes(organisation.logo_png)
    assert b"Secret Camera Co" not in stored and b"Dr Jane Private" not in stored
    assert b"internal draft" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG"
        assert not image.getexif()
        assert image.size[0] <= 480 and image.size[1] <= 160


def test_a_file_that_is_not_an_image_is_refused(portal, organisation):
    response = upload(portal, b"<svg onload=alert(1)>", name="logo.png", content_type="image/png")
    assert "Please upload the logo as a PNG, JPEG or WebP image." in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo_updated_at


def test_an_image_of_another_type_is_refused(portal):
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, format="GIF")
    response = upload(portal, output.getvalue(), name="logo.gif", content_type="image/gif")
    assert "PNG, JPEG or WebP" in response.content.decode()


def test_a_logo_too_big_is_refused_with_the_limit(portal, organisation, settings):
    settings.HARBOUR_LOGO_MAX_BYTES = 10 * 1024
    big = jpeg_with_exif() + b"\0" * (11 * 1024)
    response = upload(portal, big)
    assert "logos can be up to 10 KB" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo_updated_at


@pytest.mark.parametrize("colour", ["#ffcc00", "#7fb3d5", "#999999"])
def test_a_low_contrast_accent_is_refused(portal, organisation, colour):
    response = upload(portal, None, accent_colour=colour)
    page = response.content.decode()
    assert response.status_code == 200
    assert "is too light to read" in page and "WCAG AA" in page
    organisation.refresh_from_db()
    assert organisation.accent_colour == ""


def test_a_readable_accent_is_saved(portal, organisation):
    assert contrast_ratio("#5a2d82", "#ffffff") >= 4.5
    assert upload(portal, None, accent_colour="#5A2D82").status_code == 302
    organisation.refresh_from_db()
    assert organisation.accent_colour == "#5a2d82"


def test_a_malformed_colour_gets_a_plain_message(portal):
    response = upload(portal, None, accent_colour="purple")
    assert "six hex digits" in response.content.decode()


def test_members_see_their_organisations_branding_and_others_do_not(
    portal, signed_in, member, outsider, organisation
):
    upload(portal, jpeg_with_exif(), display_name="Northbridge Students", accent_colour="#5a2d82")
    own = signed_in(member)
    page = own.get(reverse("profile")).content.decode()
    assert "with Northbridge Students" in page
    logo_url = reverse("portal:organisation_logo", args=[organisation.pk])
    css_url = reverse("portal:organisation_brand_css", args=[organisation.pk])
    assert logo_url in page and css_url in page
    assert own.get(logo_url)["Content-Type"] == "image/png"
    assert "--accent: #5a2d82" in own.get(css_url).content.decode()
    other = signed_in(outsider)
    assert "Northbridge Students" not in other.get(reverse("profile")).content.decode()
    assert other.get(logo_url).status_code == 404
    assert other.get(css_url).status_code == 404


def test_removing_the_logo(portal, organisation):
    upload(portal, jpeg_with_exif())
    portal.post(reverse("portal:branding"), {"display_name": "", "remove_logo": "on"})
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert not organisation.logo_updated_at and bytes(organisation.logo_png) == b""
