"""`{% link 'name' %}`: `{% url %}` for a URL without arguments, reversed once per process.

The nav and footer of every page name about twenty such URLs, and reversing each
on every request cost a thread page about half a millisecond. The result depends
only on the name, the URL map and the script prefix, so it is kept for each.
"""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@functools.lru_cache(maxsize=1024)
def _reversed(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def link(name: str) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(name, urlconf, get_script_prefix())
