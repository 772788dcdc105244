"""Regenerate the sample corpus in `corpus/` from its readable sources in `tools/corpus_sources/`.

Usage::

    python tools/make_corpus.py            # rewrite corpus/ (and delete files no source produces)
    python tools/make_corpus.py --check    # exit 1 if corpus/ differs from what would be written
    python tools/make_corpus.py --out DIR  # write somewhere else (DIR is created)

Every report has one UTF-8 source file, named after the file it produces plus ``.txt``:
``kk-2019-seminar-kitaphanashylar.pdf.txt`` produces ``corpus/kk-2019-seminar-kitaphanashylar.pdf``.
The output's extension picks the format: ``.pdf`` (fpdf2, DejaVu Sans embedded), ``.docx``
(python-docx), ``.html``, ``.md`` or ``.txt``. A source starts with a header of ``Key: value``
lines, then one blank line, then the body::

    Author: Ш. Шахметова          (required: document metadata)
    Date: 2021-11-24              (required: ISO date of the event, used for metadata)
    Language: kk                  (required: kk, ru or en)
    Encoding: kz1048              (.txt only: utf-8 (default), cp1251 or kz1048)
    Newline: crlf                 (.txt only: lf (default) or crlf)
    Page-Size: A5                 (.pdf only: A4 (default) or A5)
    Header: …                     (.docx only: page header text)
    Footer: …                     (.docx only: page footer text)

The body's first line is the report's title. Blocks are separated by blank lines; the lines of
a block are joined with spaces, so paragraphs may be wrapped freely. A block starting with
``## `` is a subheading, a block whose lines all start with ``- `` is a bulleted list, and a
block whose lines all start with ``|`` is a table (first row: column names; a ``|---|`` row is
skipped).

The two seed reports Izde started from live in ``tools/corpus_sources/seeds/`` and are copied
byte for byte. Output is deterministic: fixed PDF creation dates and DOCX core properties,
DOCX zip entries rewritten with a fixed timestamp, ``\\n`` line ends unless ``Newline: crlf``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tools" / "corpus_sources"
SEEDS = SOURCES / "seeds"
CORPUS = ROOT / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FORMATS = (".pdf", ".docx", ".html", ".md", ".txt")
ENCODINGS = ("utf-8", "cp1251", "kz1048")
GENERATOR = "Izde tools/make_corpus.py"
PAGE_SIZES = {"A4": (210, 297), "A5": (148, 210)}  # mm; a tuple avoids fpdf2's A5 warning


@dataclass
class Block:
    """One body block: a paragraph, subheading, bulleted list or table."""

    kind: str  # "p", "h2", "ul" or "table"
    text: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Report:
    """A parsed source file: metadata, title and body blocks."""

    name: str
    meta: dict[str, str]
    title: str
    blocks: list[Block]

    @property
    def date(self) -> dt.date:
        """The event date from the ``Date:`` header."""
        return dt.date.fromisoformat(self.meta["Date"])

    @property
    def timestamp(self) -> dt.datetime:
        """A fixed creation time on the event date (10:00 UTC)."""
        return dt.datetime.combine(self.date, dt.time(10, 0), tzinfo=dt.UTC)


def parse_source(path: Path) -> Report:
    """Parse one ``<output>.txt`` source into a `Report`."""
    name = path.name.removesuffix(".txt")
    if not name.endswith(FORMATS):
        raise ValueError(f"{path.name}: the output name must end in one of {FORMATS}")
    head, sep, body = path.read_text("utf-8").replace("\r\n", "\n").partition("\n\n")
    if not sep:
        raise ValueError(f"{path.name}: no blank line after the header")
    meta = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"{path.name}: header line without a colon: {line!r}")
        meta[key.strip()] = value.strip()
    for key in ("Author", "Date", "Language"):
        if key not in meta:
            raise ValueError(f"{path.name}: header lacks {key}:")
    if meta.get("Encoding", "utf-8") not in ENCODINGS:
        raise ValueError(f"{path.name}: unknown encoding {meta['Encoding']!r}")
    chunks = [c.strip() for c in body.strip().split("\n\n") if c.strip()]
    title, *rest = chunks
    return Report(name, meta, " ".join(title.split()), [parse_block(c) for c in rest])


def parse_block(chunk: str) -> Block:
    """Turn one blank-line-separated chunk of the body into a `Block`."""
    lines = [line.strip() for line in chunk.splitlines()]
    if lines[0].startswith("## "):
        return Block("h2", text=" ".join(" ".join(lines)[3:].split()))
    if all(line.startswith("- ") for line in lines):
        return Block("ul", items=[line[2:].strip() for line in lines])
    if all(line.startswith("|") for line in lines):
        rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
        rows = [row for row in rows if not all(set(cell) <= set("-: ") for cell in row)]
        return Block("table", rows=rows)
    return Block("p", text=" ".join(" ".join(lines).split()))


def plain_lines(report: Report) -> list[str]:
    """The report as plain text lines: title, then blocks separated by blank lines."""
    lines = [report.title]
    for block in report.blocks:
        lines.append("")
        if block.kind in ("p", "h2"):
            lines.append(block.text)
        elif block.kind == "ul":
            lines.extend(f"- {item}" for item in block.items)
        else:
            lines.extend("\t".join(row) for row in block.rows)
    return lines


def render_txt(report: Report) -> bytes:
    """Plain text in the header's encoding and line ends."""
    newline = "\r\n" if report.meta.get("Newline", "lf").lower() == "crlf" else "\n"
    text = newline.join(plain_lines(report)) + newline
    return text.encode(report.meta.get("Encoding", "utf-8"))


def render_md(report: Report) -> bytes:
    """Markdown: ``#`` title, ``##`` subheadings, lists and pipe tables."""
    out = [f"# {report.title}"]
    for block in report.blocks:
        out.append("")
        if block.kind == "p":
            out.append(block.text)
        elif block.kind == "h2":
            out.append(f"## {block.text}")
        elif block.kind == "ul":
            out.extend(f"- {item}" for item in block.items)
        else:
            head, *rows = block.rows
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "|".join("---" for _ in head) + "|")
            out.extend("| " + " | ".join(row) + " |" for row in rows)
    return ("\n".join(out) + "\n").encode("utf-8")


HTML_STYLE = """body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 46em; }
h1 { font-size: 1.6em; color: #1d4e89; }
.meta { color: #666; font-size: 0.9em; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 0.2em 0.5em; }"""

HTML_SCRIPT = """document.addEventListener("DOMContentLoaded", function () {
  var counter = document.getElementById("visit-counter");
  var visits = Number(window.localStorage.getItem("reportVisits") || 0) + 1;
  window.localStorage.setItem("reportVisits", String(visits));
  if (counter) { counter.dataset.visits = String(visits); }
});"""


def render_html(report: Report) -> bytes:
    """A standalone HTML page with title, date and author meta tags, a style and a script."""
    esc = html.escape
    lang = report.meta["Language"]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(report.title)}</title>",
        f'<meta name="date" content="{report.date.isoformat()}">',
        f'<meta name="author" content="{esc(report.meta["Author"])}">',
        f"<style>\n{HTML_STYLE}\n</style>",
        f"<script>\n{HTML_SCRIPT}\n</script>",
        "</head>",
        "<body>",
        "<article>",
        f"<h1>{esc(report.title)}</h1>",
    ]
    for block in report.blocks:
        if block.kind == "p":
            out.append(f"<p>{esc(block.text)}</p>")
        elif block.kind == "h2":
            out.append(f"<h2>{esc(block.text)}</h2>")
        elif block.kind == "ul":
            out.append("<ul>")
            out.extend(f"<li>{esc(item)}</li>" for item in block.items)
            out.append("</ul>")
        else:
            head, *rows = block.rows
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{esc(c)}</th>" for c in head) + "</tr>")
            for row in rows:
                out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
    out += [
        f'<p class="meta">{esc(report.meta["Author"])}, {report.date.isoformat()}'
        ' <span id="visit-counter"></span></p>',
        "</article>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(out) + "\n").encode("utf-8")


def render_pdf(report: Report) -> bytes:
    """A PDF with DejaVu Sans embedded (bold for headings) and fixed metadata."""
    from fpdf import FPDF

    pdf = FPDF(format=PAGE_SIZES[report.meta.get("Page-Size", "A4")])
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_title(report.title)
    pdf.set_author(report.meta["Author"])
    pdf.set_creator(GENERATOR)
    pdf.set_lang(report.meta["Language"])
    pdf.set_creation_date(report.timestamp)
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 7, report.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for block in report.blocks:
        if block.kind == "p":
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(0, 5.5, block.text, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "h2":
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(0, 6.5, block.text, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "ul":
            pdf.set_font("DejaVu", "", 11)
            for item in block.items:
                pdf.multi_cell(0, 5.5, f"• {item}", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(headings_style=None) as table:
                for row in block.rows:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
        pdf.ln(2.5)
    return bytes(pdf.output())


def render_docx(report: Report) -> bytes:
    """A DOCX with fixed core properties, optional header/footer and zip timestamps."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = report.title
    props.author = report.meta["Author"]
    props.last_modified_by = report.meta["Author"]
    props.created = report.timestamp.replace(tzinfo=None)
    props.modified = report.timestamp.replace(tzinfo=None)
    props.revision = 1
    props.language = report.meta["Language"]
    section = document.sections[0]
    if "Header" in report.meta:
        section.header.paragraphs[0].text = report.meta["Header"]
    if "Footer" in report.meta:
        section.footer.paragraphs[0].text = report.meta["Footer"]
    document.add_heading(report.title, level=1)
    for block in report.blocks:
        if block.kind == "p":
            document.add_paragraph(block.text)
        elif block.kind == "h2":
            document.add_heading(block.text, level=2)
        elif block.kind == "ul":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
                    if i == 0:
                        cell.paragraphs[0].runs[0].bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), report.timestamp)


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with every entry's timestamp set to `when`, in the original order."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


RENDERERS = {
    ".pdf": render_pdf,
    ".docx": render_docx,
    ".html": render_html,
    ".md": render_md,
    ".txt": render_txt,
}


def build(sources: Path = SOURCES) -> dict[str, bytes]:
    """Every corpus file, by name, rendered from `sources` (seeds copied as they are)."""
    files = {path.name: path.read_bytes() for path in sorted((sources / "seeds").glob("*.txt"))}
    for path in sorted(sources.glob("*.txt")):
        report = parse_source(path)
        if report.name in files:
            raise ValueError(f"{path.name}: {report.name} is produced twice")
        files[report.name] = RENDERERS[Path(report.name).suffix](report)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the corpus; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS, help="output folder (corpus/)")
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    if not FONT.is_file() or not FONT_BOLD.is_file():
        print(f"missing font {FONT} (Debian/Ubuntu: apt-get install fonts-dejavu-core)")
        return 2
    files = build()
    out: Path = args.out
    existing = {p.name for p in out.iterdir() if p.is_file()} if out.is_dir() else set()
    changed = [
        n for n, data in files.items() if not (out / n).is_file() or (out / n).read_bytes() != data
    ]
    stale = sorted(existing - files.keys())
    if args.check:
        for name in changed:
            print(f"differs: {name}")
        for name in stale:
            print(f"not from a source: {name}")
        return 1 if changed or stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name in changed:
        (out / name).write_bytes(files[name])
    for name in stale:
        (out / name).unlink()
    print(f"{len(files)} files in {out}: {len(changed)} written, {len(stale)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
