"""Checks every browser test runs on the pages it visits.

`assert_accessible(page)` runs axe-core (the copy shipped in axe-playwright-python, nothing is
downloaded) on the page as it stands, restricted to the WCAG 2.1 A and AA rules, and fails with
axe's report when any rule is violated. `assert_no_horizontal_overflow(page)` fails when the
page is wider than the window (the reader would have to scroll sideways), naming the elements
that stick out.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()

_OVERFLOWING = """() => {
  const width = window.innerWidth;
  const sticking_out = [];
  const clipped = (element) => {  // inside a box that scrolls or clips sideways
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5 && !clipped(element)) {
      const name = element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.classList.length ? "." + [...element.classList].join(".") : "");
      sticking_out.push(`${name} (right edge at ${Math.round(box.right)} px)`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    stickingOut: sticking_out.slice(0, 10),
  };
}"""


def assert_accessible(page):
    """No violation of WCAG 2.1 level A or AA that axe can detect on the page as it is now."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_no_horizontal_overflow(page):
    """The page fits the window's width: nothing makes it scroll sideways."""
    measure = page.evaluate(_OVERFLOWING)
    assert measure["scrollWidth"] <= measure["innerWidth"], (
        f"{page.url} is {measure['scrollWidth']} px wide in a window of "
        f"{measure['innerWidth']} px; sticking out: {measure['stickingOut']}"
    )
