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
  var imgs = Array.prototype.slice.call(document.querySelectorAll("svg.chart"));
  var links = Array.prototype.slice.call(document.querySelectorAll('#toc a[href^="#"]'));
  var dead = links.filter(function (a) { return !document.getElementById(a.getAttribute("href").slice(1)); });
  document.body.setAttribute("data-probe", imgs.length + "/" + imgs.length + "/" + links.length + "/" + dead.length);
  console.log("clausekit-probe");
});
</script>"""
# Measures the rendered page: tick-label boxes of every chart, the time axis, and the drill-down
# table after a theme filter is set through the address, as a chart click does.
_MEASURE = """<script>
window.addEventListener("load", function () {
  var out = {overlaps: [], charts: 0, ticks: 0, time: null, drill: null};
  function box(g) {
    var r = null;
    Array.prototype.forEach.call(g.querySelectorAll("text"), function (t) {
      var b = t.getBoundingClientRect();
      if (!b.width) { return; }
      r = r ? {l: Math.min(r.l, b.left), t: Math.min(r.t, b.top), r: Math.max(r.r, b.right), b: Math.max(r.b, b.bottom)}
            : {l: b.left, t: b.top, r: b.right, b: b.bottom};
    });
    if (r) { r.text = Array.prototype.map.call(g.querySelectorAll("text"), function (t) { return t.textContent; }).join(" "); }
    return r;
  }
  Array.prototype.forEach.call(document.querySelectorAll("svg.chart"), function (svg) {
    out.charts += 1;
    var boxes = [];
    Array.prototype.forEach.call(svg.querySelectorAll('g[id*="xtick_"], g[id*="ytick_"]'), function (g) {
      var b = box(g);
      if (b) { b.axis = g.id; boxes.push(b); }
    });
    out.ticks += boxes.length;
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], c = boxes[j];
        var w = Math.min(a.r, c.r) - Math.max(a.l, c.l), h = Math.min(a.b, c.b) - Math.max(a.t, c.t);
        if (w > 0.5 && h > 0.5) { out.overlaps.push(svg.getAttribute("data-chart") + ": " + a.text + " / " + c.text); }
      }
    }
    if (svg.getAttribute("data-chart") === "chart-time") {
      out.time = [];
      Array.prototype.forEach.call(svg.querySelectorAll('g[id*="xtick_"]'), function (g) {
        var b = box(g);
        if (b) { out.time.push([b.text, (b.l + b.r) / 2]); }
      });
    }
  });
  var data = JSON.parse(document.getElementById("clause-data").textContent);
  var at = data.columns.indexOf("themes"), counts = {};
  data.rows.forEach(function (r) { (r[at] || "").split(";").forEach(function (t) { if (t) { counts[t] = (counts[t] || 0) + 1; } }); });
  var theme = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0] || null;
  location.hash = "#clauses?theme=" + encodeURIComponent(theme || "(any)");
  setTimeout(function () {
    var rows = Array.prototype.map.call(document.querySelectorAll("#clause-table tbody tr"), function (tr) {
      return [tr.querySelector("td.themes").textContent, tr.querySelector("td.text").textContent];
    });
    out.drill = {theme: theme, expected: counts[theme] || 0, matches: document.getElementById("clause-table").getAttribute("data-matches"), rows: rows};
    var pre = document.createElement("pre");
    pre.id = "probe-result";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
    console.log("clausekit-probe");
  }, 300);
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
    assert charts >= 4 and decoded == charts, f"{decoded} of {charts} charts rendered"
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


# --- the acceptance checks, on the seeds and on the ICE corpus -----------------------------


def _measure(binary: str, report: Path, tmp: Path) -> tuple[dict, list[str]]:
    import html as htmllib
    import json

    probe = report.with_name("measure.html")
    probe.write_text(
        report.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"),
        encoding="utf-8",
    )
    done = _run(binary, tmp, "--window-size=1280,2000", "--dump-dom", probe.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    m = re.search(r'<pre id="probe-result">(.*?)</pre>', done.stdout, re.S)
    assert m, f"the page did not finish loading: {done.stderr[-2000:]}"
    console = [
        line
        for line in done.stderr.splitlines()
        if ":CONSOLE" in line and "clausekit-probe" not in line
    ]
    return json.loads(htmllib.unescape(m.group(1))), console


def _check(result: dict, console: list[str]) -> None:
    assert console == [], console
    assert result["charts"] >= 5 and result["ticks"] > 20
    assert result["overlaps"] == [], result["overlaps"]
    # the time axis: numbers, left to right, at distances proportional to the years between them
    ticks = result["time"]
    assert ticks and len(ticks) >= 2, ticks
    values = [float(t.replace("\u2212", "-")) for t, _ in ticks]
    xs = [x for _, x in ticks]
    assert values == sorted(values) and xs == sorted(xs)
    scale = (xs[-1] - xs[0]) / (values[-1] - values[0])
    for v, x in zip(values, xs, strict=True):
        assert abs(xs[0] + (v - values[0]) * scale - x) < 2, (v, x)
    drill = result["drill"]
    assert drill["theme"], "no clause carries a theme"
    assert int(drill["matches"]) == drill["expected"] > 0
    assert drill["rows"] and all(drill["theme"] in themes.split() for themes, _ in drill["rows"])
    assert all(len(text) > 20 for _, text in drill["rows"])


@pytest.fixture(scope="module")
def models():
    from clausekit.models import registry

    if not (registry.default_model_dir() / "function").is_dir():
        pytest.skip("models/ has no trained model (run `clausekit train`)")
    import clausekit
    from clausekit.lemmas.frames import set_lemmatizer

    previous = set_lemmatizer("fast")  # what `clausekit tag` uses by default; no spaCy to load
    yield clausekit.Tagger()
    set_lemmatizer(previous)


@pytest.mark.slow
def test_report_browser_seeds_time_axis_drilldown_and_labels(chromium, models, tmp_path):
    import pandas as pd

    from clausekit.read.sources import read_path

    seeds = sorted((Path(__file__).resolve().parents[1] / "data" / "seeds").glob("*.txt"))
    sources = [read_path(p) for p in seeds]
    tagged = pd.concat(
        [models.tag(s.text, doc_id=s.doc_id, source=s.path) for s in sources], ignore_index=True
    )
    path = report.build_report(tagged, tmp_path / "seeds", lemmatize=stats.simple_lemmas)
    html = path.read_text(encoding="utf-8")
    assert "1 duplicate document of 1 counted once" in html
    _check(*_measure(chromium, path, tmp_path))


def ice_corpus(folder: Path) -> tuple[list[Path], Path]:
    """The ICE resolutions as text files (paragraphs separated by a blank line) and a metadata CSV of their titles."""
    import csv
    import json

    from clausekit.training import corpora

    folder.mkdir(parents=True, exist_ok=True)
    files = []
    meta = folder / "meta.csv"
    with meta.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["doc_id", "title", "body"])
        for src in sorted((corpora.corpora_dir() / corpora.ICE_DIR).glob("*.json")):
            data = json.loads(src.read_text(encoding="utf-8"))
            paras = [p.get("para") or "" for p in data.get("body", {}).get("paragraphs", [])]
            if not any(
                p.strip() for p in paras
            ):  # one resolution of the corpus has no paragraph text
                continue
            path = folder / f"{data.get('TEXT_ID') or src.stem}.txt"
            path.write_text("\n\n".join(p for p in paras if p.strip()) + "\n", encoding="utf-8")
            files.append(path)
            title = (data.get("TITLE") or "").strip().capitalize() or None
            writer.writerow([path.stem, title, "Conférence internationale de l'éducation"])
    return files, meta


@pytest.mark.slow
@pytest.mark.corpora
def test_report_browser_ice_time_axis_drilldown_and_labels(chromium, models, tmp_path):
    import pandas as pd

    from clausekit.outputs.metadata import read_metadata_csv
    from clausekit.read.sources import read_path
    from clausekit.training import corpora

    if not (corpora.corpora_dir() / corpora.ICE_DIR).is_dir():
        pytest.skip(f"the ICE corpus is not at {corpora.corpora_dir() / corpora.ICE_DIR}")
    files, meta = ice_corpus(tmp_path / "ice")
    sources = [read_path(p) for p in files]
    tagged = pd.concat(
        [models.tag(s.text, doc_id=s.doc_id, source=s.path) for s in sources], ignore_index=True
    )
    data = report.report_tables(
        tagged, metadata=read_metadata_csv(meta), lemmatize=stats.simple_lemmas
    )
    years = data.tables["by_year"]
    # the ICE file names carry the year: every document is dated, and the gaps between sessions stay gaps
    assert data.tables["undated_documents"].empty
    assert years["documents"].sum() == len(data.tables["documents"])
    assert years["year"].min() < 1940 and years["year"].max() > 2000
    path = report.build_report(tagged, tmp_path / "ice-report", data=data)
    _check(*_measure(chromium, path, tmp_path))
