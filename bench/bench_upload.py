"""Staff uploads and edits on a running `izde serve`: seconds until each is searchable.

Usage::

    python bench/bench_upload.py [--uploads 5] [--no-browser]

A fresh index of the bundled corpus/ (36 reports) in a temporary folder, one staff account,
and `izde serve` (waitress and its indexing worker) in a subprocess on a free loopback port.
Then, each timed from the request until a reader's search (GET /api/search) shows the change:

- uploads through the API (POST /api/documents), one at a time, small reports in kk/ru/en;
- a correction (PATCH), checked again after `izde index --rebuild corpus/` from the shell while
  the server runs;
- in headless Chromium (when /usr/bin/chromium and Playwright are there): signing in, a Kazakh
  DOCX uploaded on the upload page, withdrawn and restored from its page.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

from serving import izde_server

ROOT = Path(__file__).resolve().parents[1]
IZDE = Path(sys.executable).with_name("izde")
CORPUS = ROOT / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
USER, PASSWORD = "bench", "bench-password-2026"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
TEXTS = {
    "kk": "{word} туралы есеп\n\nАудандық кітапханада {word} атты оқырмандар кеші өтті.",
    "ru": "Отчёт о {word}\n\nВ районной библиотеке прошла встреча читателей «{word}».",
    "en": "Report on {word}\n\nThe district library held a reading evening called {word}.",
}


def request(port: int, method: str, url: str, body: bytes = b"", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, url, body=body or None, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, json.loads(data) if data.startswith((b"{", b"[")) else data


def multipart(fields: dict[str, str], name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def hits(port: int, query: str) -> list[dict]:
    status, data = request(port, "GET", "/api/search?" + urlencode({"q": query, "expand": 0}))
    return data["hits"] if status == 200 else []


def until(check, timeout: float = 60.0) -> float:
    """Seconds until `check()` is true (polled every 50 ms)."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise SystemExit("timed out waiting for the change to be searchable")
        time.sleep(0.05)
    return time.monotonic() - started


def api_uploads(port: int, count: int) -> list[float]:
    seconds = []
    for n in range(count):
        lang = ("kk", "ru", "en")[n % 3]
        word = f"zerttew{uuid.uuid4().hex[:8]}"
        body, kind = multipart({}, f"report-{n}.txt", TEXTS[lang].format(word=word).encode())
        started = time.monotonic()
        status, data = request(
            port, "POST", "/api/documents", body, {"Content-Type": kind, "Authorization": AUTH}
        )
        assert status == 202, data
        until(lambda word=word: hits(port, word))
        seconds.append(time.monotonic() - started)
    return seconds


def correction_survives_rebuild(port: int, index: Path) -> tuple[float, bool]:
    doc_id = hits(port, "Торайғыров")[0]["id"]
    started = time.monotonic()
    status, data = request(
        port,
        "PATCH",
        f"/api/documents/{quote(doc_id)}",
        json.dumps({"date": "1999-09-09"}).encode(),
        {"Content-Type": "application/json", "Authorization": AUTH},
    )
    assert status == 202, data
    until(lambda: any(hit["id"] == doc_id for hit in hits(port, "Торайғыров year:1999")))
    seconds = time.monotonic() - started
    subprocess.run(
        [str(IZDE), "index", "--index", str(index), "--rebuild", str(CORPUS)],
        check=True,
        capture_output=True,
        env={**os.environ, "IZDE_LOCK_TIMEOUT": "60"},
    )
    date = request(port, "GET", f"/api/documents/{quote(doc_id)}")[1]["date"]
    return seconds, date == "1999-09-09"


def browser_trial(port: int, folder: Path) -> dict[str, float]:
    from docx import Document
    from playwright.sync_api import expect, sync_playwright

    site = f"http://127.0.0.1:{port}"
    word = f"сынақ{uuid.uuid4().hex[:6]}"
    path = folder / "көктемгі семинар.docx"
    document = Document()
    document.add_heading(f"Көктемгі семинар {word}", level=1)
    document.add_paragraph("2022 жылғы 14 наурызда аудандық кітапханада семинар өтті.")
    document.save(str(path))
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(locale="en-US")
        page.goto(f"{site}/staff/login")
        page.get_by_label("Name").fill(USER)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{site}/staff/upload")
        page.set_input_files("#file-0", str(path))
        started = time.monotonic()
        page.get_by_role("button", name="Upload").click()
        until(lambda: hits(port, word))
        figures["browser upload → searchable"] = time.monotonic() - started
        doc_id = hits(port, word)[0]["id"]
        page.goto(f"{site}/documents/{quote(doc_id)}")
        started = time.monotonic()
        page.get_by_role("button", name="Withdraw from search").click()
        until(lambda: not hits(port, word))
        figures["withdraw → out of search"] = time.monotonic() - started
        expect(page.get_by_role("button", name="Restore to search")).to_be_visible()
        started = time.monotonic()
        page.get_by_role("button", name="Restore to search").click()
        until(lambda: hits(port, word))
        figures["restore → searchable again"] = time.monotonic() - started
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="izde-upload-") as work:
        folder = Path(work)
        index = folder / "index"
        subprocess.run(
            [str(IZDE), "index", "--index", str(index), str(CORPUS)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [str(IZDE), "users", "add", "--index", str(index), USER],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
        with izde_server(index, None, "--uploads", str(folder / "uploads")) as (port, _):
            seconds = api_uploads(port, args.uploads)
            print(
                f"API upload → searchable, {len(seconds)} small reports (s): "
                + ", ".join(f"{s:.2f}" for s in seconds)
                + f"; median {statistics.median(seconds):.2f}, max {max(seconds):.2f}"
            )
            correction, kept = correction_survives_rebuild(port, index)
            print(
                f"API correction (date) → searchable: {correction:.2f} s; "
                f"after `izde index --rebuild` from the shell: {'kept' if kept else 'LOST'}"
            )
            if args.no_browser or not CHROMIUM.exists():
                print("browser: skipped")
                return
            for name, value in browser_trial(port, folder).items():
                print(f"{name}: {value:.2f} s")


if __name__ == "__main__":
    main()
