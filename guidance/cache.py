"""A shared cache for the guide's pages, for visitors who send no cookie at all."""

from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.utils.cache import has_vary_header, patch_vary_headers
from django.utils.translation import get_language

# Rendering a guide page costs about 1.5 ms of template work (some 60 translated strings and
# 15 URLs): 2 workers on 2 cores then stay under 1,500 requests/s (bench/bench_guide_pages).
# A request with no cookie at all carries no session, login, flash message or CSRF token:
# its page is the same for every such visitor, and only the URL (language prefix
# included) and host change it. Those pages alone are kept, in Django's cache only: no
# max-age is sent to browsers or proxies. Any cookie means the visitor may be logged in
# (their menu has a log-out form): their page is rendered for them and never stored.
# Pages with a form (the situation finder) are not decorated.
GUIDE_PAGE_CACHE_SECONDS = 300


def _belongs_to_nobody(request, response):
    """True when the response carries nothing of this visitor's: no cookie set, none about
    to be set by the middleware (session, CSRF token, flash message), no Vary: Cookie."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not request.session.modified
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages.get_messages(request), "added_new", False)
    )


def cached_for_visitors_without_cookies(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.COOKIES or request.GET:
            return view(request, *args, **kwargs)
        key = f"guide-page:{request.get_host()}:{request.path}:{get_language()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if _belongs_to_nobody(request, response):
                cache.set(key, response, GUIDE_PAGE_CACHE_SECONDS)
        # The page changes once logged in: shared caches must not give it to that visitor.
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
