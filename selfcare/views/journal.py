"""The private journal: write, read, change, delete and download entries. Never moderated."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.permissions import Scope, access
from accounts.roles import Role
from selfcare.forms.private import JournalEntryForm
from selfcare.selectors.private import journal_entries_for, journal_entry_for, journal_export_text
from selfcare.services.private import (
    journal_entry_create,
    journal_entry_delete,
    journal_entry_update,
)

# Entries a page: the list stays light however long the journal grows.
JOURNAL_PAGE_SIZE = 20


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def journal(request):
    form = JournalEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        journal_entry_create(member=request.user, **form.cleaned_data)
        messages.success(request, "Saved. Only you can read it.")
        return redirect("selfcare:journal")
    entries = journal_entries_for(member=request.user)
    page = Paginator(entries, JOURNAL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "entries": page.object_list, "page": page}
    return render(request, "selfcare/journal.html", context, status=400 if form.errors else 200)


@access(Role.MEMBER, scope=Scope.OWNER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def journal_entry(request, pk):
    entry = journal_entry_for(member=request.user, pk=pk)
    initial = {"title": entry.title, "body": entry.body}
    form = JournalEntryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        journal_entry_update(entry=entry, **form.cleaned_data)
        messages.success(request, "Your changes are saved.")
        return redirect("selfcare:journal")
    context = {"form": form, "entry": entry}
    status = 400 if form.errors else 200
    return render(request, "selfcare/journal_entry.html", context, status=status)


@access(Role.MEMBER, scope=Scope.OWNER)
@require_http_methods(["GET", "HEAD", "POST"])
def journal_entry_delete_view(request, pk):
    entry = journal_entry_for(member=request.user, pk=pk)
    if request.method == "POST":
        journal_entry_delete(entry=entry)
        messages.success(request, "The entry is deleted.")
        return redirect("selfcare:journal")
    return render(request, "selfcare/journal_delete.html", {"entry": entry})


@access(Role.MEMBER)
@require_safe
@never_cache
def journal_export(request):
    response = HttpResponse(
        journal_export_text(member=request.user), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="harbour-journal.txt"'
    return response
