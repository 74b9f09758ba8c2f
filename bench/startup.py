#!/usr/bin/env python3
"""Start-up benchmark: process start to "map ready", kzviewer against a bare QWebEngineView.

Each run starts a fresh process and times, from the parent, the moment it was
spawned to the moment it prints its ready line:

    baseline  a bare QWebEngineView loading a trivial local page (loadFinished)
    empty     ``kzviewer --exit-when-ready`` with its cached map page swapped
              for one that draws nothing (it opens the channel and says
              "ready" once painted at its view's size): the whole app without
              the map's drawing, the floor any map page starts from
    page      kzviewer's map view alone, on its cached map page, until the
              map is ready (the channel open, the slide framed and painted at
              the view's own size): what the map costs without the window,
              the deck or the slides
    warm      ``kzviewer --exit-when-ready`` with its map page already cached
    cold      the same with an empty cache (the page is built first)

It also samples the resident memory of each process tree (the app and its
QtWebEngineProcess children) and reports the peak.  Run it offscreen:

    python bench/startup.py --runs 7
    python bench/startup.py --runs 7 -- slides/kazakhstan.ru.md    # in Russian

Targets (issue 16): median warm / baseline at most 1.3; cold under 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASELINE = r"""
import os, sys, tempfile
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication(sys.argv[:1])
page = os.path.join(tempfile.mkdtemp(), "page.html")
open(page, "w").write("<!DOCTYPE html><title>t</title><p>hello</p>")
view = QWebEngineView()
view.resize(1280, 760)
def done(ok):
    print("map-ready", flush=True)
    app.quit()
view.loadFinished.connect(done)
view.load(QUrl.fromLocalFile(page))
view.show()
app.exec()
"""

# The map page's side of kzviewer's protocol and nothing else: the channel
# opened, "painted at this size" said once the page is visible and again at the
# size Python asks for (web/map.js's kz.readyAt).
EMPTY_PAGE = """<!DOCTYPE html>
<html><head><title>empty</title>
<script src="qrc:///qtwebchannel/qwebchannel.js"></script>
<script>
var bridge = new Promise(function (resolve) {
    new QWebChannel(qt.webChannelTransport, function (channel) { resolve(channel.objects.bridge); });
});
function painted() {
    requestAnimationFrame(function () { bridge.then(function (b) { b.mapReady(innerWidth, innerHeight); }); });
}
var kz = {readyAt: function (width, height) {
    var sized = function () {
        if (Math.abs(innerWidth - width) > 1 || Math.abs(innerHeight - height) > 1) return;
        removeEventListener("resize", sized);
        painted();
    };
    addEventListener("resize", sized);
    sized();
}};
var looking = true;
function look() {
    if (!looking) return;
    if (!innerWidth || !innerHeight) { requestAnimationFrame(look); return; }
    looking = false;
    painted();
}
document.addEventListener("visibilitychange", look);
look();
</script></head><body></body></html>
"""


# kzviewer's map view and page without the window (the page found in the cache the warm runs use).
PAGE = r"""
import sys
from kzviewer.qt.app import prepare_environment
prepare_environment()
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import QApplication
from kzviewer.mapping.cache import find_cached_page
from kzviewer.qt.mapview import MapView, release_profile
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication(sys.argv[:1])
view = MapView()
view.load_page(QUrl.fromLocalFile(str(find_cached_page(DECK))))
view.resize(640, 760)
def done():
    print("map-ready", flush=True)
    app.quit()
view.bridge.ready.connect(done)
view.show()
app.exec()
del view
release_profile()
"""


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawn to the ready line, and the peak tree RSS in KiB."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_kib(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    ready = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("map-ready"):
            ready = time.perf_counter() - start
            break
    stop.set()
    sampler.join()
    proc.wait(timeout=30)
    if ready is None:
        raise SystemExit(f"{command!r} never reported ready (exit {proc.returncode})")
    return ready, peak


def with_empty_page(cache: Path) -> str:
    """A copy of a filled cache with its one map page swapped for EMPTY_PAGE
    (a cached page is found by its deck's and kzviewer's files, not by its
    own contents); the copy's folder."""
    copy = Path(tempfile.mkdtemp(prefix="kzviewer-bench-empty-")) / "cache"
    shutil.copytree(cache, copy)
    pages = list((copy / "pages").glob("map-*.html"))
    if len(pages) != 1:
        raise SystemExit(f"the first start left {len(pages)} map pages in {cache}, not one: is its geodata whole?")
    pages[0].write_text(EMPTY_PAGE, encoding="utf-8")
    return str(copy)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("app_args", nargs="*", help="for kzviewer, after --: a deck, --lang ru")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    cache = tempfile.mkdtemp(prefix="kzviewer-bench-")
    env["KZVIEWER_CACHE_DIR"] = cache

    # pip writes bytecode when it installs a package; an editable checkout,
    # or a machine with PYTHONDONTWRITEBYTECODE set, may have none, and every
    # start would then compile kzviewer's sources.  Measure the installed case.
    import compileall

    import kzviewer

    compileall.compile_dir(str(Path(kzviewer.__file__).parent), quiet=1)

    app = [sys.executable, "-m", "kzviewer", "--exit-when-ready", *args.app_args]
    baseline_cmd = [sys.executable, "-c", BASELINE]
    results: dict[str, list[tuple[float, int]]] = {"baseline": [], "empty": [], "page": [], "warm": [], "cold": []}
    run_once(app, env)  # fill the cache and the OS's file cache
    empty_env = dict(env, KZVIEWER_CACHE_DIR=with_empty_page(Path(cache)))
    run_once(app, empty_env)
    decks = [a for a in args.app_args if not a.startswith("-")]
    deck = Path(decks[0]).resolve() if decks else None
    page_cmd = [
        sys.executable,
        "-c",
        PAGE.replace("DECK", f"{str(deck)!r}" if deck else "__import__('kzviewer.resources').resources.bundled_deck()"),
    ]
    for i in range(args.runs):
        print(f"run {i + 1} of {args.runs}", file=sys.stderr)
        results["baseline"].append(run_once(baseline_cmd, env))
        results["empty"].append(run_once(app, empty_env))
        results["page"].append(run_once(page_cmd, env))
        results["warm"].append(run_once(app, env))
        cold_env = dict(env, KZVIEWER_CACHE_DIR=tempfile.mkdtemp(prefix="kzviewer-bench-cold-"))
        results["cold"].append(run_once(app, cold_env))

    print(f"{'':10} {'median s':>9} {'min s':>7} {'max s':>7} {'peak RSS MiB':>13}")
    for name, rows in results.items():
        times = [t for t, _ in rows]
        rss = statistics.median(m for _, m in rows) / 1024
        print(f"{name:10} {statistics.median(times):9.3f} {min(times):7.3f} {max(times):7.3f} {rss:13.0f}")
    ratios = [w[0] / b[0] for w, b in zip(results["warm"], results["baseline"], strict=True)]
    print(f"warm/baseline ratio, median of {args.runs} paired runs: {statistics.median(ratios):.2f} (target <= 1.3)")
    for name, what in (("empty", "the app, its map drawing nothing"), ("page", "the map alone")):
        paired = [r[0] / b[0] for r, b in zip(results[name], results["baseline"], strict=True)]
        print(f"{name}/baseline ratio ({what}): {statistics.median(paired):.2f}")
    cold = statistics.median(t for t, _ in results["cold"])
    print(f"cold start median: {cold:.2f} s (target < 2 s)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, cache in {Path(cache)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
