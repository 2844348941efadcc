"""Pages of the web UI (thin: look up in the user's scope, call a selector, render)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    return redirect("admin:index")
