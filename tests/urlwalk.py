"""Walk the whole URLconf, so access and privacy tests cover every page as it is added."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Values for URL arguments, by name. A new argument name needs an entry here.
SAMPLE_ARGUMENTS = {
    "app_label": "accounts",
    "object_id": "1",
    "content_type_id": "1",
    "key": "not-a-real-key",
    "uidb36": "1",
    "pk": "1",
    "slug": "a-talkabout",
    "id": "1",
    "room_id": "1",
    "message_id": "1",
    "match_id": "1",
    "checkin_id": "1",
    "handle": "no-such-member",
    "kind": "phq9",
    "number": "1",
    "token": "not-a-real-invitation",
}


def walk(patterns=None, prefix="", namespace=None):
    """Yield (route, qualified name or None, URLPattern) for every pattern."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            space = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def named_patterns():
    return [(name, entry) for _, name, entry in walk() if name]


def url_for(name, entry, samples=None):
    samples = {**SAMPLE_ARGUMENTS, **(samples or {})}
    arguments = set(entry.pattern.regex.groupindex) - set(entry.default_args)
    missing = arguments - set(samples)
    assert not missing, f"add a sample value for {missing} (URL {name}) to SAMPLE_ARGUMENTS"
    return reverse(name, kwargs={arg: samples[arg] for arg in arguments})
