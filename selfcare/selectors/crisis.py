"""Which crisis lines to show whom."""

from selfcare.models import CrisisLine

SHIPPED_COUNTRIES = ["GB", "IE", "US", "CA", "AU", "NZ"]


def crisis_lines_for(*, country: str | None, organisation=None) -> list[CrisisLine]:
    """Active lines for a country: the organisation's own, then the national ones."""
    lines = CrisisLine.objects.filter(is_active=True)
    if country:
        lines = lines.filter(country=country)
    national = [line for line in lines.filter(organisation__isnull=True)]
    own = list(lines.filter(organisation=organisation)) if organisation is not None else []
    return own + national


def crisis_countries() -> list[str]:
    """Countries that have at least one national line, shipped ones first."""
    present = set(
        CrisisLine.objects.filter(is_active=True, organisation__isnull=True)
        .values_list("country", flat=True)
        .distinct()
    )
    shipped = [code for code in SHIPPED_COUNTRIES if code in present]
    return shipped + sorted(present - set(shipped))
