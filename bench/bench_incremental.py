"""Incremental indexing: `izde index` over an indexed collection after a small change.

Usage::

    python bench/bench_incremental.py --n 10000

Works on a copy of the benchmark index (bench/common.py builds it once) and on the benchmark
corpus itself, which it restores afterwards (bytes and modification time). Each scenario is one
`izde index` command, timed from the shell's point of view: start-up and imports included, as a
librarian who has just uploaded a file waits for it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import DEFAULT_WORKDIR, corpus, ensure_index, print_table

IZDE = Path(sys.executable).with_name("izde")
ADDED = (
    "Жаңа есеп\n\nКітапханашылар семинарға қатысты. Семинар Павлодар облысында өтті.\n\n"
    "Библиотекари обсудили наставничество и цифровизацию фондов.\n"
)


def izde_index(index_dir: Path, folders: list[Path]) -> tuple[float, str]:
    """Seconds of one `izde index` run and its summary line."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(IZDE), "index", "--index", str(index_dir), *map(str, folders)],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"izde index failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds, done.stdout.strip().splitlines()[-1].split(" — ")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports in the index")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    source_index = ensure_index(args.workdir, args.n)
    folders = corpus(args.workdir, args.n)
    index_dir = args.workdir / f"index-incremental-{args.n}"
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.copytree(source_index, index_dir)
    txt = sorted(folders[0].glob("*.txt"))[0]
    pdf = sorted(folders[-1].glob("*.pdf"))[0]
    added = folders[0] / "zz-new-report.txt"
    saved = {path: (path.read_bytes(), path.stat()) for path in (txt, pdf)}
    started = time.perf_counter()
    subprocess.run([str(IZDE), "--version"], capture_output=True, check=True)
    rows = [["start-up only (izde --version)", time.perf_counter() - started, ""]]
    try:
        rows.append(["nothing changed", *izde_index(index_dir, folders)])
        os.utime(txt)  # same content, new modification time
        rows.append(["one file touched", *izde_index(index_dir, folders)])
        txt.write_bytes(saved[txt][0] + "\nДобавлен один абзац.\n".encode())
        rows.append(["one text file changed", *izde_index(index_dir, folders)])
        pdf.write_bytes(saved[pdf][0] + b"\n")  # trailing bytes: a new hash, the same text
        rows.append(["one PDF changed", *izde_index(index_dir, folders)])
        added.write_text(ADDED, encoding="utf-8")
        rows.append(["one file added", *izde_index(index_dir, folders)])
        added.unlink()
        rows.append(["one file removed", *izde_index(index_dir, folders)])
    finally:
        added.unlink(missing_ok=True)
        for path, (data, stat) in saved.items():
            path.write_bytes(data)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    print(f"\n`izde index` on {args.n} indexed reports (wall clock, process start included)\n")
    print_table(["scenario", "seconds", "izde says"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
