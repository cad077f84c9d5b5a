"""Quick exit: the button and the Esc key leave the site at once, and Back does not return."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import NEUTRAL_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("quick_exit_to_neutral_site")]

QUICK_EXIT_NAME = re.compile(r"^(Leave quickly|Partir vite)")


def quick_exit_button(page):
    return page.get_by_role("link", name=QUICK_EXIT_NAME)


def open_first_page_then_a_step(page, live_server):
    page.goto(f"{live_server.url}/fr/")
    page.goto(f"{live_server.url}/fr/guide/3/")
    expect(quick_exit_button(page)).to_be_visible()


def assert_left_for_the_neutral_site(page, neutral_site):
    page.wait_for_url(neutral_site)
    expect(page).to_have_title(NEUTRAL_TITLE)


def assert_back_does_not_return_to_the_step(page, live_server):
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"/guide/3/"))
    expect(page).to_have_url(f"{live_server.url}/fr/")


def test_button_leaves_and_back_does_not_return(page, live_server, neutral_site):
    open_first_page_then_a_step(page, live_server)
    quick_exit_button(page).click()
    assert_left_for_the_neutral_site(page, neutral_site)
    assert_back_does_not_return_to_the_step(page, live_server)


def test_escape_key_leaves_and_back_does_not_return(page, live_server, neutral_site):
    open_first_page_then_a_step(page, live_server)
    page.keyboard.press("Escape")
    assert_left_for_the_neutral_site(page, neutral_site)
    assert_back_does_not_return_to_the_step(page, live_server)


def test_button_is_a_plain_link_without_javascript(browser, live_server, neutral_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/guide/3/")
        quick_exit_button(page).click()
        assert_left_for_the_neutral_site(page, neutral_site)
    finally:
        context.close()


def test_quick_exit_logs_out(page, context, live_server, neutral_site, django_user_model):
    alice = django_user_model.objects.create_user("alice", password="a long passphrase 42")
    client = Client()
    client.force_login(alice)
    cookie_name = django_settings.SESSION_COOKIE_NAME
    session_key = client.cookies[cookie_name].value
    context.add_cookies([{"name": cookie_name, "value": session_key, "url": live_server.url}])
    page.goto(f"{live_server.url}/fr/guide/3/")
    session = Session.objects.get(session_key=session_key)
    assert session.get_decoded()["_auth_user_id"] == str(alice.pk)

    quick_exit_button(page).click()
    assert_left_for_the_neutral_site(page, neutral_site)
    assert not Session.objects.filter(session_key=session_key).exists()
