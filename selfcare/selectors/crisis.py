"""Which crisis lines to show whom."""

from selfcare.models import CrisisLine

SHIPPED_COUNTRIES = ["GB", "IE", "US", "CA", "AU", "NZ"]


def crisis_lines_for(*, country: str | None, organisation=None) -> list[CrisisLine]:
    """Active lines for a country: the organisation's own (whatever country is chosen:
    a member abroad still has their campus line), then the national ones."""
    lines = CrisisLine.objects.filter(is_active=True)
    national = lines.filter(organisation__isnull=True)
    if country:
        national = national.filter(country=country)
    return organisation_crisis_lines(organisation) + list(national)


def organisation_crisis_lines(organisation) -> list[CrisisLine]:
    """An organisation's own active lines; none for people without an organisation."""
    if organisation is None:
        return []
    return list(CrisisLine.objects.filter(is_active=True, organisation=organisation))


def crisis_countries() -> list[str]:
    """Countries that have at least one national line, shipped ones first."""
    present = set(
        CrisisLine.objects.filter(is_active=True, organisation__isnull=True)
        .values_list("country", flat=True)
        .distinct()
    )
    shipped = [code for code in SHIPPED_COUNTRIES if code in present]
    return shipped + sorted(present - set(shipped))
