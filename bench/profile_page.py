#!/usr/bin/env python3
"""Where the map page's start-up goes: a Chrome trace of its render process.

Loads a deck's cached map page in kzviewer's map view (shown, 640 × 760, as
``bench/startup.py``'s "page" run), records a trace through QtWebEngine's
remote debugging (on a free port of 127.0.0.1, for this run only) with the
JavaScript CPU profiler on, and prints the render process's main thread:
its tasks over a millisecond (parse, scripts, layout, frames), then the
JavaScript functions that took the most time, by self time and with what
they call.  Run it offscreen, after one start has cached the page:

    python -m kzviewer --exit-when-ready slides/kazakhstan.md
    python bench/profile_page.py [DECK] [--save trace.json]

Tracing slows the page down by about a third: compare runs with each other,
not with ``bench/startup.py``.  A JSON trace (``--save``) opens in Chrome's
chrome://tracing or in Perfetto.
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.request
from pathlib import Path

PORT = 0  # chosen at run time


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, masked from us."""

    def __init__(self, url: str) -> None:
        host_port, path = url.removeprefix("ws://").split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += self.sock.recv(4096)
        if b" 101 " not in reply.split(b"\r\n", 1)[0]:
            raise SystemExit(f"DevTools refused the connection: {reply[:200]!r}")
        self.buffer = reply.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise SystemExit("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, text: str) -> None:
        payload, mask = text.encode(), os.urandom(4)
        n = len(payload)
        head = struct.pack("!BB", 0x81, 0x80 | n) if n < 126 else struct.pack("!BBH", 0x81, 0xFE, n)
        if n >= 1 << 16:
            head = struct.pack("!BBQ", 0x81, 0xFF, n)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def receive(self) -> str:
        message = b""
        while True:
            first, second = self._read(2)
            n = second & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", self._read(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", self._read(8))
            message += self._read(n)
            if first & 0x80:  # the last fragment
                return message.decode()


def devtools(events: list[dict], started: threading.Event, stop: threading.Event, done: threading.Event) -> None:
    """Trace from before the page loads until `stop`; the events into `events`."""
    for _ in range(100):
        try:
            version = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json/version"))
            break
        except OSError:
            time.sleep(0.05)
    ws = WebSocket(version["webSocketDebuggerUrl"])
    categories = ["devtools.timeline", "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink.user_timing"]
    ws.send(
        json.dumps({"id": 1, "method": "Tracing.start", "params": {"traceConfig": {"includedCategories": categories}}})
    )
    while json.loads(ws.receive()).get("id") != 1:
        pass
    started.set()
    stop.wait()
    ws.send(json.dumps({"id": 2, "method": "Tracing.end"}))
    while True:
        message = json.loads(ws.receive())
        if message.get("method") == "Tracing.dataCollected":
            events.extend(message["params"]["value"])
        elif message.get("method") == "Tracing.tracingComplete":
            break
    done.set()


def report(events: list[dict]) -> None:
    parses = [e for e in events if e.get("name") == "ParseHTML"]
    if not parses:
        raise SystemExit("no page was traced")
    pid, tid = parses[0]["pid"], parses[0]["tid"]
    main = sorted(
        (e for e in events if (e["pid"], e["tid"]) == (pid, tid) and e.get("ph") == "X"), key=lambda e: e["ts"]
    )
    t0 = main[0]["ts"]
    print("render process, main thread: tasks over 1 ms (start, duration, in ms) and what they did")
    shown = ("ParseHTML", "EvaluateScript", "FunctionCall", "Layout", "Paint", "Commit", "MinorGC", "MajorGC")
    end = 0
    for e in main:
        if e["ts"] >= end and e.get("dur", 0) >= 1000:
            inside = [c for c in main if e["ts"] <= c["ts"] < e["ts"] + e["dur"] and c["name"] in shown]
            what = []
            for c in inside:
                if c.get("dur", 0) >= 500:
                    function = c.get("args", {}).get("data", {}).get("functionName", "")
                    what.append(" ".join(filter(None, (c["name"], function, f"{c['dur'] / 1000:.1f}"))))
            print(f"  {(e['ts'] - t0) / 1000:7.1f} {e['dur'] / 1000:6.1f}  {'; '.join(what[:6])}")
            end = e["ts"] + e["dur"]
    nodes: dict[int, dict] = {}
    samples: list[int] = []
    deltas: list[int] = []
    for e in events:
        if e.get("name") in ("Profile", "ProfileChunk") and e["pid"] == pid:
            data = e["args"]["data"]
            for node in data.get("cpuProfile", {}).get("nodes", []):
                nodes[node["id"]] = node
            samples += data.get("cpuProfile", {}).get("samples", [])
            deltas += data.get("timeDeltas", [])
    own: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()

    def name(n: dict) -> str:
        return f"{n['callFrame']['functionName'] or '(anonymous)'}:{n['callFrame'].get('lineNumber')}"

    for sample, delta in zip(samples[1:], deltas[1:], strict=False):
        node, seen = nodes.get(sample), set()
        if node is None:
            continue
        own[name(node)] += delta
        while node is not None:
            key = name(node)
            if key not in seen:
                total[key] += delta
                seen.add(key)
            node = nodes.get(node.get("parent"))
    for title, counter in (("self time", own), ("with what they call", total)):
        print(f"JavaScript, {title} (ms; line in the page):")
        for key, micros in counter.most_common(25):
            if not key.startswith(("(idle)", "(root)")):
                print(f"  {micros / 1000:7.1f}  {key}")


def main() -> int:
    global PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "deck", nargs="?", default=str(Path(__file__).resolve().parent.parent / "slides" / "kazakhstan.md")
    )
    parser.add_argument("--save", type=Path, help="write the trace here (JSON)")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        PORT = probe.getsockname()[1]
    os.environ["QTWEBENGINE_REMOTE_DEBUGGING"] = f"127.0.0.1:{PORT}"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    import shiboken6
    from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
    from PySide6.QtWidgets import QApplication

    from kzviewer.mapping.cache import find_cached_page
    from kzviewer.qt.mapview import MapView, release_profile

    page = find_cached_page(Path(args.deck))
    if page is None:
        raise SystemExit(f"no cached page for {args.deck}: run kzviewer on it once first")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    view = MapView()
    view.resize(640, 760)
    view.show()
    events: list[dict] = []
    started, stop, done = threading.Event(), threading.Event(), threading.Event()
    threading.Thread(target=devtools, args=(events, started, stop, done), daemon=True).start()

    def load_when_tracing() -> None:
        if started.is_set():
            view.load_page(QUrl.fromLocalFile(str(page)))
        else:
            QTimer.singleShot(20, load_when_tracing)

    def finish() -> None:
        if done.is_set():
            app.quit()
        else:
            QTimer.singleShot(50, finish)

    def ready() -> None:
        stop.set()
        finish()

    view.bridge.ready.connect(lambda: QTimer.singleShot(300, ready))  # and what follows "ready"
    QTimer.singleShot(0, load_when_tracing)
    app.exec()
    shiboken6.delete(view)  # the page before its profile (QtWebEngine crashes otherwise)
    release_profile()
    if args.save:
        args.save.write_text(json.dumps({"traceEvents": events}), encoding="utf-8")
    report(events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
