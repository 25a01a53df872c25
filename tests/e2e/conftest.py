"""Browser tests: Playwright drives the Chromium of the system, never a downloaded one.

`page(persona)` opens one browser context per persona (its own cookies, so its own session)
on the live server, in Belgian French; `page(persona, width=375)` gives that persona a window
of a phone's width (the first call for a persona decides its window). When a test fails,
every page it opened is saved as a screenshot (and its HTML) in test-artifacts/.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Fail fast: a page of this portal answers in well under a second on the live server.
TIMEOUT_MS = 10_000
# Playwright's default window, a laptop's; the height of a phone's window goes with `width`.
DESKTOP_VIEWPORT = {"width": 1280, "height": 720}
PHONE_HEIGHT = 812


def _find_chromium():
    found = shutil.which("chromium")
    if found:
        return found
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return None


@pytest.fixture(scope="session")
def browser():
    executable = _find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium not installed, and browser tests are required in CI: "
                "apt-get install chromium",
                pytrace=False,
            )
        pytest.skip("Chromium not installed: apt-get install chromium")

    # Playwright's sync API keeps an event loop running in this thread; without this the ORM
    # refuses to run from the test (fixtures, factories, the database flush at teardown).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so that fixtures know whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(browser, live_server, request):
    """page(persona, width=None) -> the Page of that persona, in a context of its own (fr-BE)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    contexts = {}
    pages = {}

    def open_page(persona="visitor", *, width=None):
        if persona not in pages:
            viewport = {"width": width, "height": PHONE_HEIGHT} if width else DESKTOP_VIEWPORT
            context = browser.new_context(
                base_url=live_server.url, locale="fr-BE", viewport=viewport
            )
            context.set_default_timeout(TIMEOUT_MS)
            contexts[persona] = context
            pages[persona] = context.new_page()
        return pages[persona]

    yield open_page

    failed = any(
        getattr(request.node, f"rep_{when}", None) is not None
        and getattr(request.node, f"rep_{when}").failed
        for when in ("setup", "call")
    )
    if failed:
        artifacts = Path(request.config.rootpath) / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        test_name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for persona, persona_page in pages.items():
            target = artifacts / f"{test_name}-{persona}.png"
            try:
                persona_page.screenshot(path=str(target), full_page=True)
                target.with_suffix(".html").write_text(persona_page.content(), encoding="utf-8")
            except Exception as error:  # the page may be gone; never hide the real failure
                print(f"screenshot of {persona} failed: {error}")
            else:
                print(f"screenshot of {persona}: {target}")
    for context in contexts.values():
        context.close()
