from django.http import Http404
from django.shortcuts import render

from guidance.content import CONTACTS, STEPS, get_step


def home(request):
    return render(request, "guidance/home.html", {"steps": STEPS, "contacts": CONTACTS})


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
    return render(request, "guidance/situation.html", {})


def law(request):
    return render(request, "guidance/law.html", {})


def contacts(request):
    return render(request, "guidance/contacts.html", {"contacts": CONTACTS})
