"""Writes for crisis lines: an organisation's own support services, kept by its admins."""

from selfcare.models import CrisisLine


def organisation_line_add(
    *, organisation, name: str, description: str, phone: str, url: str, hours: str, country: str
) -> CrisisLine:
    """Add a service shown to the organisation's members next to the national lines."""
    return CrisisLine.objects.create(
        organisation=organisation,
        name=name.strip(),
        description=description.strip(),
        phone=phone.strip(),
        url=url.strip(),
        hours=hours.strip(),
        country=country,
    )


def organisation_line_remove(*, line: CrisisLine) -> None:
    """Stop showing the service. Only an organisation's own lines can be removed here."""
    if line.organisation_id is None:
        raise ValueError("National lines are kept by Harbour's staff.")
    line.delete()
