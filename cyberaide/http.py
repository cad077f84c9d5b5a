"""Small request helpers shared by the apps' views."""


def posted(request):
    """The submitted data on POST, else None: a form is bound on every POST, even an
    empty one, so an empty submission gets its "required" errors."""
    return request.POST if request.method == "POST" else None


def keep_code_to_show(request, key, code):
    """Hold a new code (a helper's invitation, a pupil's claim code, a recovery code) in
    the session for the one page that shows it: reloading that page never makes another
    code (post, redirect, get)."""
    request.session[f"code-{key}"] = code


def code_to_show(request, key):
    """The code, once; None when it was already shown."""
    return request.session.pop(f"code-{key}", None)
