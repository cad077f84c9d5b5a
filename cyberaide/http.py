"""Small request helpers shared by the apps' views."""


def posted(request):
    """The submitted data on POST, else None: a form is bound on every POST, even an
    empty one, so an empty submission gets its "required" errors."""
    return request.POST if request.method == "POST" else None
