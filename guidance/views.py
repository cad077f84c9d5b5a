from django.http import Http404
from django.shortcuts import render

from guidance.cache import cached_for_visitors_without_cookies
from guidance.channels import recommend_channels
from guidance.content import CONTACTS, STEPS, get_step
from guidance.forms import SituationForm
from guidance.glossary import GLOSSARY


@cached_for_visitors_without_cookies
def home(request):
    return render(request, "guidance/home.html", {"steps": STEPS, "contacts": CONTACTS})


@cached_for_visitors_without_cookies
def step(request, number):
    current = get_step(number)
    if current is None:
        raise Http404
    context = {
        "step": current,
        "steps": STEPS,
        "previous_step": get_step(number - 1),
        "next_step": get_step(number + 1),
    }
    return render(request, current.template_name, context)


def situation(request):
    """Answers arrive by POST and the channels that fit are listed on the response, in
    order: nothing is stored, and nothing of the answers reaches the URL, the browser's
    history or a server log."""
    submitted = request.method == "POST" and "answer" in request.POST
    form = SituationForm(request.POST if submitted else None)
    channels = recommend_channels(**form.answers()) if submitted and form.is_valid() else None
    context = {"form": form, "channels": channels}
    return render(request, "guidance/situation.html", context)


@cached_for_visitors_without_cookies
def law(request):
    return render(request, "guidance/law.html", {})


@cached_for_visitors_without_cookies
def contacts(request):
    return render(request, "guidance/contacts.html", {"contacts": CONTACTS})


@cached_for_visitors_without_cookies
def glossary(request):
    return render(request, "guidance/glossary.html", {"glossary": GLOSSARY})
