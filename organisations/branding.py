"""Branding an organisation's members see: a display name, a logo and an accent colour.

Logos are decoded and drawn again by Pillow into a fresh PNG, so nothing but pixels
survives: no EXIF (camera, place, author), no comments, no embedded profiles, and no
file that only pretends to be an image. The accent colour must keep text readable
(WCAG 2 AA, 4.5:1) both as white text on it (buttons) and as link text on the page.
"""

import io
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from organisations.models import Organisation

LOGO_TYPES = {"PNG", "JPEG", "WEBP"}
LOGO_MAX_PIXELS = 4096 * 4096  # refuse decompression bombs before decoding
LOGO_BOX = (480, 160)  # drawn no larger than this
AA_CONTRAST = 4.5
WHITE = "#ffffff"
PAGE_BACKGROUND = "#fbfaf7"  # static/css/harbour.css --bg, behind the page's text
COLOUR = re.compile(r"^#[0-9a-f]{6}$")


class BrandingRefused(Exception):
    """Branding that cannot be used; `field` and `message` say where and why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def accent_colour_problem(colour: str) -> str | None:
    """Why the colour cannot be the accent, in words an admin can act on, or None."""
    if not COLOUR.match(colour):
        return "Please give the colour as # and six hex digits, for example #1f5f8b."
    on_white = contrast_ratio(colour, WHITE)
    on_page = contrast_ratio(colour, PAGE_BACKGROUND)
    if min(on_white, on_page) < AA_CONTRAST:
        return (
            f"{colour} is too light to read: white text on it has a contrast of "
            f"{on_white:.1f} to 1 and links in it on the page {on_page:.1f} to 1, "
            f"and both need at least {AA_CONTRAST} to 1 (WCAG AA). Please choose a darker shade."
        )
    return None


def logo_reencode(upload) -> bytes:
    """A clean PNG of the uploaded image, or BrandingRefused if it is not a usable logo."""
    limit = settings.HARBOUR_LOGO_MAX_BYTES
    if upload.size > limit:
        raise BrandingRefused(
            "logo",
            f"That file is {upload.size / 1024:,.0f} KB; logos can be up to "
            f"{limit / 1024:,.0f} KB. A smaller PNG or JPEG will do.",
        )
    refused = BrandingRefused("logo", "Please upload the logo as a PNG, JPEG or WebP image.")
    try:
        with Image.open(upload) as image:
            if image.format not in LOGO_TYPES:
                raise refused
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise BrandingRefused("logo", "That image is too large. Please use a smaller one.")
            image.load()
            clean = _pixels_only(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise refused from error
    output = io.BytesIO()
    clean.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels, scaled to fit the logo box."""
    image = image.convert("RGBA")
    image.thumbnail(LOGO_BOX)
    clean = Image.new("RGBA", image.size)
    clean.paste(image)
    return clean


def branding_save(
    *, organisation: Organisation, display_name: str, accent_colour: str, logo=None,
    remove_logo: bool = False,
) -> Organisation:  # fmt: skip
    """Save the organisation's branding; raises BrandingRefused, saving nothing, if a
    part of it cannot be used."""
    accent_colour = accent_colour.strip().lower()
    if accent_colour and (problem := accent_colour_problem(accent_colour)):
        raise BrandingRefused("accent_colour", problem)
    organisation.display_name = display_name.strip()
    organisation.accent_colour = accent_colour
    fields = ["display_name", "accent_colour"]
    # A logo is present exactly when logo_updated_at is set; it also busts caches.
    if logo is not None:
        organisation.logo_png = logo_reencode(logo)
        organisation.logo_updated_at = timezone.now()
    elif remove_logo:
        organisation.logo_png = b""
        organisation.logo_updated_at = None
    if logo is not None or remove_logo:
        fields += ["logo_png", "logo_updated_at"]
    organisation.save(update_fields=fields)
    member_view_forget(organisation.pk)
    return organisation


def member_view_key(organisation_id: int) -> str:
    return f"organisation-member-view:{organisation_id}"


def member_view_forget(organisation_id: int) -> None:
    cache.delete(member_view_key(organisation_id))
