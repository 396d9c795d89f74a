"""Community pages. For now the home page, which explains Harbour to newcomers."""

from django.shortcuts import render

from accounts.permissions import PUBLIC, access


@access(PUBLIC)
def home(request):
    return render(request, "community/home.html")
