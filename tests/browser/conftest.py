"""Browser journeys: Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Fixtures: ``smtp_sink`` (real SMTP server), ``live_server`` (the portal over HTTP with
real CSRF and mail), ``browser``, ``page`` / ``mobile_page``, ``axe_check``, ``visit``,
``shot``. Every test in this folder is marked ``browser``: it skips with the reason when
Chromium is missing or cannot start, and fails instead when ``REQUIRE_BROWSER=1``.
Screenshots of failures (and of ``shot`` steps) go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.a11y import axe_check as _axe_check
from tests.browser.live_server import LiveServer, live_config
from tests.browser.smtp_sink import SmtpSink

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _unavailable(reason: str):
    if REQUIRE_BROWSER:
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set REQUIRE_BROWSER=1 to make this fail)")


# One Playwright and one Chromium per test run, even if another conftest imports these
# fixtures: a second sync_playwright() in the same thread fails ("inside the asyncio loop").
_SHARED: dict = {}


@pytest.fixture(scope="session")
def _playwright():
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"Playwright is not installed ({exc})")
    if "playwright" not in _SHARED:
        _SHARED["playwright"] = sync_playwright().start()
    return _SHARED["playwright"]


@pytest.fixture(scope="session")
def browser(_playwright):
    if "browser" not in _SHARED:
        try:
            _SHARED["browser"] = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # any launch failure means: no usable browser here
            _unavailable(f"Chromium at {CHROMIUM} could not be started: {str(exc).splitlines()[0]}")
    return _SHARED["browser"]


def pytest_sessionfinish(session, exitstatus):
    if "browser" in _SHARED:
        _SHARED.pop("browser").close()
    if "playwright" in _SHARED:
        _SHARED.pop("playwright").stop()


@pytest.fixture(autouse=True)
def _require_browser(request):
    """Every test here needs a working Chromium: skip (or fail) before it starts."""
    request.getfixturevalue("browser")


def _artifact_name(request) -> str:
    return re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])


def _new_page(browser, request, viewport):
    context = browser.new_context(locale="nl-NL", viewport=viewport, timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"FAILED-{_artifact_name(request)}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
            print(f"Screenshot of the failure: {path}")
        except Exception as exc:  # the page may be gone; the failure itself matters more
            print(f"No screenshot of the failure: {exc}")
    context.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context (cookies, storage) per test: Dutch, 1280x900."""
    yield from _new_page(browser, request, DESKTOP)


@pytest.fixture
def mobile_page(browser, request):
    """Like ``page`` with a phone-sized viewport (390x844)."""
    yield from _new_page(browser, request, PHONE)


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def live_server_seed():
    """What the live portal starts with: "demo" (all demo data), "accounts" or "none".
    Override this fixture in a test module to change it."""
    return "demo"


@pytest.fixture
def live_server_config(tmp_path, smtp_sink):
    """The config dict of the live portal; override in a module to change settings."""
    return live_config(tmp_path, smtp_sink.host, smtp_sink.port)


@pytest.fixture
def live_server(live_server_config, live_server_seed, smtp_sink):
    """The portal on http://127.0.0.1:<free port>: ``live_server.url``, ``live_server(path)``,
    ``live_server.app`` (for an app context), ``live_server.deliver_mail()``."""
    server = LiveServer(live_server_config, live_server_seed).start()
    smtp_sink.pump = server.deliver_mail
    yield server
    smtp_sink.pump = None
    server.stop()


@pytest.fixture
def axe_check():
    """``axe_check(page)``: fail on any serious or critical axe-core violation."""
    return _axe_check


@pytest.fixture
def visit(live_server):
    """``visit(page, "/path")``: go there (status < 400 expected) and run ``axe_check``."""

    def go(page, path: str, expect_status: int | None = None):
        response = page.goto(live_server(path) if path.startswith("/") else path)
        status = response.status if response else None
        if expect_status is not None:
            assert status == expect_status, f"{path}: HTTP {status}, expected {expect_status}"
        else:
            assert status is not None and status < 400, f"{path}: HTTP {status}"
        _axe_check(page)
        return response

    return go


@pytest.fixture
def shot(request):
    """``shot(page, "step-name")``: a full-page screenshot in test-artifacts/<test>/."""
    folder = ARTIFACTS / _artifact_name(request)
    counter = iter(range(1, 1000))

    def take(page, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
