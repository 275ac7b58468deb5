"""The ``chidao`` command line. One small function per command; no extraction logic here.

    chidao extract PATH... [--jsonl | --pretty] [-o FILE]
    chidao schema
    chidao eval DIR [--formats txt,md,docx,pdf] [--misses N] [--json]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

import click

from . import __version__

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".pdf", ".doc"}


def _expand(paths: Iterable[str]) -> Iterator[Path]:
    """Files as given; folders walked recursively for the formats chidao reads."""
    for p in paths:
        path = Path(p)
        if path.is_dir() and not p.endswith(("/.", "\\.")) and any(path.iterdir()):
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                           and not f.name.upper().startswith(("README", "LICENSE", "CHANGELOG")))
            if found:
                yield from found
                continue
        yield path


def _progress(items: list, label: str):
    """A progress bar on stderr for long runs when stderr is a terminal."""
    if len(items) > 3 and sys.stderr.isatty():
        return click.progressbar(items, label=label, file=sys.stderr)
    from contextlib import nullcontext
    return nullcontext(items)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chidao")
def main() -> None:
    """chidao: Vietnamese official documents → validated JSON records."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", "mode", flag_value="jsonl", help="One record per line (source.path set).")
@click.option("--pretty", "mode", flag_value="pretty", help="Indented JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write records to FILE instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "docx", "pdf"]),
              help="Read every input as this format instead of detecting it.")
def extract(paths: tuple[str, ...], mode: Optional[str], output: Optional[str], fmt: Optional[str]) -> None:
    """Extract one record per input file (folders are walked).

    A file that cannot be read gets one line on stderr naming it and the reason; the
    other files are still processed and the exit status is 1 at the end."""
    from . import extract as do_extract
    from .errors import ChidaoError
    files = list(_expand(paths))
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    records = []
    try:
        with _progress(files, "extracting") as bar:
            for f in bar:
                try:
                    rec = do_extract(f, format=fmt)
                except ChidaoError as e:
                    failed += 1
                    click.echo(f"chidao: {f}: {e}", err=True)
                    continue
                except Exception as e:  # a bug: report it, keep going with the other files
                    failed += 1
                    click.echo(f"chidao: {f}: internal error: {type(e).__name__}: {e}", err=True)
                    continue
                d = rec.to_dict()
                if mode == "jsonl":
                    out.write(json.dumps(d, ensure_ascii=False) + "\n")
                    out.flush()
                elif len(files) == 1:
                    out.write(json.dumps(d, ensure_ascii=False, indent=2 if mode == "pretty" else None) + "\n")
                else:
                    records.append(d)
        if records:
            out.write(json.dumps(records, ensure_ascii=False, indent=2 if mode == "pretty" else None) + "\n")
    finally:
        if output:
            out.close()
    if failed:
        click.echo(f"chidao: {failed} of {len(files)} file(s) failed", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from .record import schema as load_schema
    click.echo(json.dumps(load_schema(), ensure_ascii=False, indent=2))


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--formats", default="txt,md,docx,pdf", show_default=True,
              help="Source formats to score, comma-separated.")
@click.option("--misses", default=0, show_default=True, help="Show up to N misses per field.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_cmd(gold_dir: str, formats: str, misses: int, as_json: bool) -> None:
    """Per-field accuracy and F1 against NAME.gold.json files in GOLD_DIR (the format of
    the corpus README); agrees with ../shared/tools/score.py."""
    from . import extract as do_extract
    from .eval import evaluate_with, format_report

    def run(path):
        try:
            return do_extract(path).to_dict()
        except Exception as e:  # counted as "no record" by the scorer
            click.echo(f"chidao: {path}: {e}", err=True)
            return e

    fmts = tuple(f for f in formats.split(",") if f)
    try:
        report = evaluate_with(Path(gold_dir), run, formats=fmts, misses=misses)
    except FileNotFoundError as e:
        raise click.ClickException(str(e))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, misses=misses))


# --- graph command (issue 3) goes here ---
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the graph to FILE: .graphml, .gexf (Gephi), .json (node-link) or .html.")
@click.option("--about", "about_number", metavar="NUMBER",
              help="Print who cites NUMBER (directly and transitively) and what it cites.")
@click.option("--json", "as_json", is_flag=True, help="Print the --about answer as JSON.")
def graph(inputs: tuple[str, ...], output: Optional[str], about_number: Optional[str], as_json: bool) -> None:
    """The citation graph of documents: INPUTs are files, folders (walked) or records
    .jsonl/.json files written by `chidao extract` (their records are used as they are).

    A file that cannot be read gets one line on stderr; the others are still used and the
    exit status is 1 at the end."""
    from . import extract as do_extract
    from .errors import ChidaoError
    if not output and not about_number:
        raise click.UsageError("give -o FILE (.graphml, .gexf, .json, .html) and/or --about NUMBER")
    if output and Path(output).suffix.lower() not in (".graphml", ".gexf", ".json", ".html", ".htm"):
        raise click.UsageError(f"-o {output}: the extension says the format: .graphml, .gexf, .json or .html")
    from .graph import about, build_graph, format_about, write
    files = list(_expand(inputs))
    records, failed = [], 0
    with _progress(files, "reading") as bar:
        for f in bar:
            try:
                if f.suffix.lower() in (".jsonl", ".json") and f.is_file():
                    text = f.read_text(encoding="utf-8-sig")
                    if f.suffix.lower() == ".jsonl":
                        records.extend(json.loads(line) for line in text.splitlines() if line.strip())
                    else:
                        data = json.loads(text)
                        records.extend(data if isinstance(data, list) else [data])
                else:
                    records.append(do_extract(f))
            except (ChidaoError, OSError, ValueError) as e:
                failed += 1
                click.echo(f"chidao: {f}: {e}", err=True)
            except Exception as e:  # a bug: report it, keep going with the other files
                failed += 1
                click.echo(f"chidao: {f}: internal error: {type(e).__name__}: {e}", err=True)
    G = build_graph(records)
    for path in G.graph.get("skipped") or []:
        click.echo(f"chidao: {path}: no document header (number, issuer or date): left out of the graph", err=True)
    if output:
        write(G, output)
        click.echo(f"chidao: {output}: {G.number_of_nodes()} documents, {G.number_of_edges()} edges", err=True)
    if about_number:
        answer = about(G, about_number)
        click.echo(json.dumps(answer, ensure_ascii=False, indent=1) if as_json else format_about(answer), nl=as_json)
    if failed:
        click.echo(f"chidao: {failed} of {len(files)} file(s) failed", err=True)
        sys.exit(1)


# --- tasks command (issue 4) goes here ---
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write: .xlsx (tracking table), .csv (same table) or .ics (calendar).")
@click.option("--csv-sep", default=",", show_default=True, type=click.Choice([",", ";", "tab"]),
              help="CSV delimiter (';' for Excel with Vietnamese regional settings).")
def tasks(inputs: tuple[str, ...], output: str, csv_sep: str) -> None:
    """Export every task of INPUT letters for the office: a tracking table (.xlsx, .csv) or a
    calendar (.ics), chosen by the extension of -o.

    INPUT is a letter, a folder of letters, or records from `chidao extract` (.jsonl, .json;
    `-` reads JSONL from standard input), used as they are. An input that cannot be read gets
    one line on stderr; the others are exported and the exit status is 1 at the end."""
    from . import extract as do_extract
    from .errors import ChidaoError
    from .export import ExportError, export, format_for, read_records

    try:
        format_for(output)
    except ExportError as e:
        raise click.BadParameter(str(e), param_hint="'-o' / '--output'")
    records: list[dict] = []
    seen: dict[str, str] = {}
    failed = 0

    def add(rec: dict, where: str) -> None:
        sha = (rec.get("source") or {}).get("sha256")
        if sha and sha in seen:  # the same file given twice (a folder and a .jsonl, say)
            click.echo(f"chidao: {where}: same content as {seen[sha]}, exported once", err=True)
            return
        if sha:
            seen[sha] = where
        records.append(rec)

    items: list = []
    for p in inputs:
        if p == "-" or p.lower().endswith((".jsonl", ".json")) and not Path(p).is_dir():
            items.append(p)
        else:
            items.extend(_expand([p]))
    with _progress(items, "reading") as bar:
        for f in bar:
            if isinstance(f, str):  # records from JSON
                try:
                    text = sys.stdin.read() if f == "-" else Path(f).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError) as e:
                    failed += 1
                    click.echo(f"chidao: {f}: cannot read records: {getattr(e, 'strerror', None) or e}", err=True)
                    continue
                name = "<stdin>" if f == "-" else f
                for rec, where in read_records(name if f != "-" else "stdin.jsonl", text):
                    if rec is None:
                        failed += 1
                        click.echo(f"chidao: {name}: {where}", err=True)
                    else:
                        add(rec, f"{name}:{where}" if where else name)
                continue
            try:
                add(do_extract(f).to_dict(), str(f))
            except ChidaoError as e:
                failed += 1
                click.echo(f"chidao: {f}: {e}", err=True)
            except Exception as e:  # a bug: report it, keep going with the other files
                failed += 1
                click.echo(f"chidao: {f}: internal error: {type(e).__name__}: {e}", err=True)
    try:
        res = export(records, output, csv_delimiter="\t" if csv_sep == "tab" else csv_sep)
    except OSError as e:
        raise click.ClickException(f"cannot write {output}: {e.strerror or e}")
    except ImportError as e:  # openpyxl / icalendar missing from this installation
        raise click.ClickException(f"this export needs the {e.name} package: pip install {e.name}")
    for left, used in res.duplicates:
        click.echo(f"chidao: {left}: cùng văn bản với {used}, chỉ xuất một lần", err=True)
    if failed:
        click.echo(f"chidao: {failed} input(s) could not be read", err=True)
    extra = ""
    if res.format == "ics":
        extra = f" ({res.events} sự kiện lịch; {len(res.skipped)} nhiệm vụ không có thời hạn cụ thể)"
    click.echo(f"{len(res.rows)} nhiệm vụ từ {len(res.letters)} văn bản → {output}{extra}", err=True)
    if failed:
        sys.exit(1)



if __name__ == "__main__":
    main()
