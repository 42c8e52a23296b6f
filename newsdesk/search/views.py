"""The search page: dynamic (it has a query string), never baked."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsdesk.search.forms import SearchForm
from newsdesk.search.queries import SearchResults, search_articles
from newsdesk.search.query import parse_query


@require_safe
def search(request):
    form = SearchForm(request.GET)
    results = None
    status = 200
    if not form.is_valid():
        status = 400
    elif form.cleaned_data["q"]:
        data = form.cleaned_data
        results = search_articles(
            data["q"],
            section=data["section"],
            author=data["author"],
            published_from=data["published_from"],
            published_until=data["published_until"],
            page=form.page(),
        )
    elif "q" in request.GET:
        results = SearchResults(text="", query=parse_query(""))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "search/results.html", {"form": form, "search": results, "params": params.urlencode()}, status=status)
