"""`{% link %}` gives what `{% url %}` gives, under any script prefix."""

from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix


def render(source):
    return Template("{% load links %}" + source).render(Context())


def test_a_link_is_the_reversed_url():
    assert render("{% link 'crisis_help' %}") == reverse("crisis_help")
    assert render("{% link 'selfcare:home' %}") == reverse("selfcare:home")


def test_a_link_follows_the_script_prefix_it_is_served_under():
    plain = render("{% link 'crisis_help' %}")
    set_script_prefix("/harbour/")
    try:
        prefixed = render("{% link 'crisis_help' %}")
    finally:
        clear_script_prefix()
    assert prefixed == "/harbour" + plain
    assert render("{% link 'crisis_help' %}") == plain
