"""The crisis-help page is public: nobody should need an account to find help."""

from django.shortcuts import render
from django_countries import countries

from accounts.permissions import PUBLIC, access
from selfcare.selectors import crisis_countries, crisis_lines_for, organisation_crisis_lines

COUNTRY_SESSION_KEY = "crisis_country"
ALL_COUNTRIES = "ALL"


@access(PUBLIC)
def crisis_help(request):
    available = crisis_countries()
    country = _chosen_country(request, available)
    organisation = getattr(request.user, "organisation", None)
    # The organisation's own services first, on their own, then the national lines.
    lines = crisis_lines_for(country=country)
    groups = _group_by_country(lines, available) if country is None else [(country, lines)]
    return render(
        request,
        "selfcare/crisis_help.html",
        {
            "country": country,
            "own_lines": organisation_crisis_lines(organisation),
            "organisation": organisation,
            "groups": [(code, countries.name(code), group) for code, group in groups],
            "choices": [(code, countries.name(code)) for code in available],
        },
    )


def _chosen_country(request, available):
    if "country" in request.GET:
        asked = request.GET["country"].upper()
        # "All countries" (or anything unknown) is remembered as a choice too.
        request.session[COUNTRY_SESSION_KEY] = asked if asked in available else ALL_COUNTRIES
    remembered = request.session.get(COUNTRY_SESSION_KEY)
    if remembered == ALL_COUNTRIES:
        return None
    if remembered in available:
        return remembered
    own = str(getattr(request.user, "country", "") or "")
    return own if own in available else None


def _group_by_country(lines, order):
    groups = {}
    for line in lines:
        groups.setdefault(str(line.country), []).append(line)
    return [(code, groups[code]) for code in order if code in groups]
