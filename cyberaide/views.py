from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache


@never_cache
def quick_exit(request):
    """Leave at once: end the session, then go to a neutral site.

    The button links here, so it works without JavaScript; with JavaScript the page
    replaces itself with this URL, so Back does not return to the page that was open.
    Logging out on GET is deliberate: leaving must take one tap, whatever the page.
    """
    logout(request)
    return redirect(settings.QUICK_EXIT_URL)
