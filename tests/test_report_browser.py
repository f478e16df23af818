"""The report opened in headless Chromium: every chart decodes, nothing logs to the console.

Skips, saying why, where no Chromium is installed (CI installs Debian's ``chromium``;
set ``CLAUSEKIT_CHROMIUM`` to use another binary).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_stats import tagged_frame

from clausekit.outputs import report
from clausekit.outputs import statistics as stats

pytestmark = pytest.mark.browser

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Reads the rendered page and logs one line the test looks for; appended to a copy of the report only.
_PROBE = """<script>
window.addEventListener("load", function () {
  var imgs = Array.prototype.slice.call(document.querySelectorAll("img.chart"));
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0 && i.naturalHeight > 0; });
  var links = Array.prototype.slice.call(document.querySelectorAll('#toc a[href^="#"]'));
  var dead = links.filter(function (a) { return !document.getElementById(a.getAttribute("href").slice(1)); });
  document.body.setAttribute("data-probe", imgs.length + "/" + ok.length + "/" + links.length + "/" + dead.length);
  console.log("clausekit-probe");
});
</script>"""


def _chromium() -> str | None:
    env = os.environ.get("CLAUSEKIT_CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    for name in _CANDIDATES:
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = _chromium()
    if binary is None:
        pytest.skip(
            "no Chromium found (install Debian's `chromium` or set CLAUSEKIT_CHROMIUM); the report's browser test needs one"
        )
    return binary


def _run(binary: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=10000",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    return report.build_report(
        tagged_frame(), tmp_path_factory.mktemp("rep") / "report", lemmatize=stats.simple_lemmas
    )


def test_report_browser_charts_render_without_console_errors(chromium, report_html, tmp_path):
    probe = report_html.with_name("probe.html")
    probe.write_text(
        report_html.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"),
        encoding="utf-8",
    )
    done = _run(chromium, tmp_path, "--dump-dom", probe.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    m = re.search(r'data-probe="(\d+)/(\d+)/(\d+)/(\d+)"', done.stdout)
    assert m, f"the page did not finish loading: {done.stderr[-2000:]}"
    charts, decoded, links, dead = map(int, m.groups())
    assert charts >= 4 and decoded == charts, f"{decoded} of {charts} charts decoded"
    assert links >= 8 and dead == 0
    console = [
        line
        for line in done.stderr.splitlines()
        if ":CONSOLE" in line and "clausekit-probe" not in line
    ]
    assert console == []
    assert any(
        "clausekit-probe" in line for line in done.stderr.splitlines()
    )  # the console is being read


def test_report_browser_screenshot_is_not_blank(chromium, report_html, tmp_path):
    shot = tmp_path / "report.png"
    done = _run(
        chromium, tmp_path, "--window-size=1200,2400", f"--screenshot={shot}", report_html.as_uri()
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    from matplotlib.image import imread

    pixels = imread(shot)[..., :3]
    assert pixels.shape[:2] == (2400, 1200)
    assert (pixels.mean(axis=2) < 0.9).mean() > 0.02  # text, tables and charts, not a white page
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line] == []
