"""The citation graph of an archive: documents are nodes, citations are edges.

    G = build_graph(records)          # records: dicts (JSONL) or Record objects
    write(G, "graph.html")            # .graphml, .gexf, .json (node-link), .html
    about(G, "04-NQ/TU")              # who cites it, directly and transitively; what it cites

Nodes are keyed by document id (:mod:`extractor.resolve`): an extracted record is a node with
its metadata (number, type, date, issuer, subject, path …, ``extracted`` true); a document
that is only cited is a *stub* with what its citations say (``extracted`` false). An edge
goes from the citing document to the cited one, keyed by its relation, with the citation's
text, the sentence it stands in, its span (``start``/``end`` in the citing record's text)
and the citing file. A cover letter also has an ``encloses`` edge to each attachment.

The same document reached twice is one node: the same letter in several formats (the same
id), two letters citing one document (ids built from number, jurisdiction and year), and an
archived document and a citation of it. Before ids are compared, the archive completes what
one letter leaves unknown: a district whose province only another record names
(:func:`~extractor.resolve.learn_places`), and an id with an unknown part (``?``: the year of
an undated citation, the jurisdiction of ``Kế hoạch số 91/KH-UBND``) joins the one document
of the graph that has the same number and fits it, when there is exactly one.
"""
from __future__ import annotations

import copy
import html
import json
import re
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Optional

import networkx as nx

from .resolve import assign_ids, canonical_ids, learn_places, number_key, parse_id

__all__ = ["build_graph", "about", "format_about", "write", "WRITERS", "RELATIONS", "VBPL"]

# relation → vbpl.vn's name for what the cited document is to the citing one
RELATIONS = ("legal_basis", "implements", "requested_by", "replaces", "amends", "cites", "encloses")
VBPL = {
    "legal_basis": "Văn bản căn cứ",
    "implements": "Văn bản được hướng dẫn",
    "amends": "Văn bản được sửa đổi, bổ sung",
    "replaces": "Văn bản bị thay thế",
    "requested_by": "Văn bản liên quan khác",
    "cites": "Văn bản liên quan khác",
    "encloses": None,
}
_NODE_FIELDS = ("label", "number", "doc_type", "date", "year", "issuer", "issuer_parent",
                "subject", "regime", "jurisdiction", "extracted", "path")


# --------------------------------------------------------------------------- building
def _as_dict(rec: Any) -> dict:
    if isinstance(rec, dict):
        return copy.deepcopy(rec)
    return rec.to_dict()


def _walk(rec: dict, parent: Optional[dict] = None):
    """(record, its cover letter or None), the record's attachments after it."""
    yield rec, parent
    for att in rec.get("attachments") or []:
        yield from _walk(att, rec)


def _regime_of_number(number: Optional[str]) -> str:
    if not number:
        return "unknown"
    n = re.sub(r"\s+", "", number)
    if re.match(r"^\d*[a-zđ]?-[A-Za-zĐđ]+/", n):
        return "party"       # 04-NQ/TU: sequence-TYPE/ISSUER
    if re.match(r"^\d*[a-zđ]?/", n):
        return "state"       # 422/QĐ-TTg
    return "unknown"


def _sentence(text: str, start: int, end: int, limit: int = 600) -> str:
    """The sentence (or list item) of ``text`` around ``[start, end)``."""
    if not text or start is None or end is None or not (0 <= start <= end <= len(text)):
        return ""
    a = start
    while a > 0 and text[a - 1] != "\n" and not (text[a - 1] in ".;" and text[a:a + 1] in " \n"
                                                  and not text[a - 3:a - 1].isdigit()):
        a -= 1
        if start - a > limit:
            break
    b = end
    while b < len(text) and text[b] != "\n" and not (text[b] in ".;" and text[b + 1:b + 2] in ("", " ", "\n")):
        b += 1
        if b - end > limit:
            break
    if b < len(text) and text[b] in ".;":
        b += 1
    return " ".join(text[a:b].split())


def _label(number: Optional[str], doc_type: Optional[str], issuer: Optional[str]) -> str:
    """A node's label: its number; for a number with no sequence (a draft: ``-CV/HU``) or
    none, with its issuer so it can be told apart (``-CV/HU · Huyện ủy Ba Tơ``)."""
    if number and re.match(r"\s*\d", number):
        return number
    short = re.sub(r"(?i)^ủy ban nhân dân|^uỷ ban nhân dân", "UBND", issuer or "").strip()
    head = number or doc_type or "(no number)"
    return f"{head} · {short}" if short else head


def _is_document(rec: dict) -> bool:
    """A record with a header: a number, an issuer or a date (not a README or a note)."""
    return bool(rec.get("number") or rec.get("issuer") or rec.get("date"))


def build_graph(records: Iterable[Any]) -> nx.MultiDiGraph:
    """The citation graph of ``records`` (record dicts, e.g. read from JSONL, or
    :class:`~extractor.model.Record` objects; the input is not modified). Records with no
    header at all (no number, issuer or date: a README, a note) are left out; their paths
    are listed in ``G.graph["skipped"]``."""
    recs, skipped = [], []
    for r in records:
        d = _as_dict(r)
        (recs if _is_document(d) else skipped).append(d)
    places = learn_places(recs)
    originals: dict[int, Optional[str]] = {}
    for rec in recs:
        for r, _ in _walk(rec):
            originals[id(r)] = r.get("id")
        assign_ids(rec, places)

    all_ids = set()
    for rec in recs:
        for r, _ in _walk(rec):
            if r.get("id"):
                all_ids.add(r["id"])
            all_ids.update(x["id"] for x in r.get("references") or [] if x.get("id"))
    canon = canonical_ids(all_ids)

    def cid(i):
        return canon.get(i, i)

    G = nx.MultiDiGraph(generator="chidao", relations=",".join(RELATIONS),
                        skipped=[(d.get("source") or {}).get("path") or "?" for d in skipped])

    def add_alias(node, alias):
        if alias and alias != node and alias not in G.nodes[node].setdefault("aliases", []):
            G.nodes[node]["aliases"].append(alias)

    # extracted documents first: their metadata wins over what citations say
    for rec in recs:
        for r, parent in _walk(rec):
            if not r.get("id"):
                continue
            n = cid(r["id"])
            src = r.get("source") or {}
            number = (r.get("number") or {}).get("text")
            date = r.get("date") or {}
            attrs = {
                "label": _label(number, (r.get("doc_type") or {}).get("name"),
                                (r.get("issuer") or {}).get("name")),
                "number": number,
                "doc_type": (r.get("doc_type") or {}).get("name"),
                "doc_type_code": (r.get("doc_type") or {}).get("code"),
                "date": date.get("iso"),
                "year": parse_id(n)[1],
                "issuer": (r.get("issuer") or {}).get("name"),
                "issuer_parent": (r.get("issuer") or {}).get("parent"),
                "subject": r.get("subject"),
                "regime": r.get("regime") or "unknown",
                "is_draft": bool(r.get("is_draft")),
                "jurisdiction": parse_id(n)[0],
                "extracted": True,
                "path": src.get("path"),
                "attachment_of": parent.get("id") and cid(parent["id"]) if parent else None,
            }
            if n in G and G.nodes[n].get("extracted"):
                node = G.nodes[n]
                for k, v in attrs.items():
                    if node.get(k) is None and v is not None:
                        node[k] = v
                if src.get("path") and src["path"] not in node["paths"]:
                    node["paths"].append(src["path"])
            else:
                G.add_node(n, **attrs, paths=[src.get("path")] if src.get("path") else [])
            add_alias(n, r["id"])
            add_alias(n, originals.get(id(r)))

    # cited-only documents, and the edges
    for rec in recs:
        for r, parent in _walk(rec):
            if not r.get("id"):
                continue
            u = cid(r["id"])
            path = (r.get("source") or {}).get("path")
            text = r.get("text") or ""
            if parent is not None and parent.get("id"):
                p = cid(parent["id"])
                if p != u and not G.has_edge(p, u, key="encloses"):
                    G.add_edge(p, u, key="encloses", relation="encloses", text="", sentence="",
                               file=path, vbpl=None)
            for ref in r.get("references") or []:
                if not ref.get("id"):
                    continue
                v = cid(ref["id"])
                if v == u:
                    continue
                if v not in G:
                    G.add_node(v, label=ref.get("number") or "?", number=ref.get("number"),
                               doc_type=ref.get("doc_type"), date=ref.get("date"),
                               year=parse_id(v)[1], issuer=ref.get("issuer"),
                               subject=ref.get("subject"), regime=_regime_of_number(ref.get("number")),
                               jurisdiction=parse_id(v)[0], extracted=False, paths=[])
                node = G.nodes[v]
                add_alias(v, ref["id"])
                if not node.get("extracted"):
                    for k in ("doc_type", "date", "issuer", "subject"):
                        if node.get(k) is None and ref.get(k) is not None:
                            node[k] = ref[k]
                rel = ref.get("relation") or "cites"
                if G.has_edge(u, v, key=rel):
                    files = G.edges[u, v, rel].setdefault("files", [])
                    if path and path != G.edges[u, v, rel].get("file") and path not in files:
                        files.append(path)
                    continue
                G.add_edge(u, v, key=rel, relation=rel, vbpl=VBPL.get(rel),
                           text=ref.get("text") or "", start=ref.get("start"), end=ref.get("end"),
                           sentence=_sentence(text, ref.get("start"), ref.get("end")),
                           file=path, citing_number=(r.get("number") or {}).get("text"),
                           mentions=len(ref.get("mentions") or []))
    for n, d in G.nodes(data=True):
        d["cited_by"] = len({u for u, _, k in G.in_edges(n, keys=True) if k != "encloses"})
        d["cites"] = len({v for _, v, k in G.out_edges(n, keys=True) if k != "encloses"})
    return G


# --------------------------------------------------------------------------- questions
def _norm_query(q: str) -> str:
    return number_key(q)


def _match(G: nx.MultiDiGraph, query: str) -> list:
    q = _norm_query(query)
    hits = [n for n, d in G.nodes(data=True)
            if n == query or (q and number_key(d.get("number")) == q)]
    return sorted(hits)


def _brief(G, n) -> dict:
    d = G.nodes[n]
    return {"id": n, **{k: d.get(k) for k in ("number", "label", "doc_type", "date", "issuer",
                                               "subject", "jurisdiction", "extracted", "path")}}


def _edge_info(G, u, v, key) -> dict:
    e = G.edges[u, v, key]
    return {k: e.get(k) for k in ("relation", "text", "sentence", "start", "end", "file")}


def _reach(G, start, forward: bool) -> list:
    """Every node reachable from ``start`` (forward: what it cites; backward: who cites it),
    with its distance, nearest first."""
    seen = {start: 0}
    order = []
    queue = deque([start])
    while queue:
        x = queue.popleft()
        nbrs = G.out_edges(x, keys=True) if forward else G.in_edges(x, keys=True)
        for a, b, _ in sorted(nbrs):
            y = b if forward else a
            if y not in seen:
                seen[y] = seen[x] + 1
                order.append(y)
                queue.append(y)
    return [{**_brief(G, y), "depth": seen[y]} for y in order]


def _chains(G, start, forward: bool, max_depth: int = 8, limit: int = 500) -> list:
    """The maximal citation chains from ``start`` (no document twice in a chain): backward,
    ``04-NQ/TU ← 67-KH/HU ← 1307-CV/HU``; forward, ``1307-CV/HU → 67-KH/HU → 04-NQ/TU``."""
    out = []

    def step(path, rels):
        if len(out) >= limit:
            return
        x = path[-1]
        nbrs = G.out_edges(x, keys=True) if forward else G.in_edges(x, keys=True)
        nxt = {}
        for a, b, k in sorted(nbrs):
            y = b if forward else a
            if y not in path:
                nxt.setdefault(y, k)
        if (not nxt or len(path) > max_depth) and len(path) > 1:
            out.append((list(path), list(rels)))
            return
        for y, k in nxt.items():
            step(path + [y], rels + [k])

    step([start], [])
    arrow = " → " if forward else " ← "
    chains = []
    for path, rels in sorted(out, key=lambda c: (len(c[0]), c[0])):
        chains.append({"chain": path, "relations": rels, "depth": len(path) - 1,
                       "chain_text": arrow.join(G.nodes[x].get("label") or x for x in path)})
    return chains


def about(G: nx.MultiDiGraph, query: str) -> dict:
    """What the graph knows about the documents numbered ``query`` (case, spaces, dashes and
    leading zeros aside; an id works too). For each: ``cited_by`` (direct citations, with
    relation, sentence and file), ``cited_by_all`` (every document that cites it directly or
    through others, with its distance), ``cited_by_chains`` (the chains, e.g. ``04-NQ/TU ←
    67-KH/HU ← 1307-CV/HU``), and the same for what it cites (``cites``, ``cites_all``,
    ``cites_chains``)."""
    matches = []
    for n in _match(G, query):
        cited_by = [{**_brief(G, u), **_edge_info(G, u, n, k)}
                    for u, _, k in sorted(G.in_edges(n, keys=True))]
        cites = [{**_brief(G, v), **_edge_info(G, n, v, k)}
                 for _, v, k in sorted(G.out_edges(n, keys=True))]
        matches.append({**_brief(G, n),
                        "cited_by": cited_by, "cited_by_all": _reach(G, n, forward=False),
                        "cited_by_chains": _chains(G, n, forward=False),
                        "cites": cites, "cites_all": _reach(G, n, forward=True),
                        "cites_chains": _chains(G, n, forward=True)})
    return {"query": query, "matches": matches}


def _line(d: dict) -> str:
    bits = [d.get("label") or d["id"]]
    if d.get("doc_type"):
        bits.append(d["doc_type"])
    if d.get("date"):
        bits.append(d["date"])
    if d.get("issuer") and d["issuer"] not in bits[0]:
        bits.append(d["issuer"])
    return ", ".join(bits)


def _snippet(sentence: str, citation: str, width: int = 170) -> str:
    """The part of ``sentence`` around ``citation``, at most about ``width`` characters."""
    if len(sentence) <= width:
        return sentence
    cit = " ".join(citation.split())
    i = sentence.find(cit[:40]) if cit else -1
    if i < 0:
        return sentence[:width - 1] + "…"
    a = max(0, i - 50)
    if a:
        a = sentence.find(" ", a, i) + 1 or a      # start on a word
    b = min(len(sentence), max(i + min(len(cit), width - 50), a + width))
    if b < len(sentence):
        b = sentence.rfind(" ", i + 1, b) if sentence.rfind(" ", i + 1, b) > i else b
    return ("…" if a else "") + sentence[a:b].strip() + ("…" if b < len(sentence) else "")


def format_about(answer: dict) -> str:
    """The answer of :func:`about` as readable text."""
    out = []
    if not answer["matches"]:
        return f"{answer['query']}: no document with this number in the graph"
    for m in answer["matches"]:
        where = m["path"] if m.get("extracted") else "cited only, not in the archive"
        out.append(f"{_line(m)}  [{m['id']}] ({where})")
        if m.get("subject"):
            out.append(f"  về {m['subject']}")
        out.append(f"  cited directly by {len(m['cited_by'])}:")
        for c in m["cited_by"]:
            out.append(f"    ← {_line(c)}  — {c['relation']}  ({c.get('file') or c.get('path')})")
            if c.get("sentence"):
                out.append(f"        “{_snippet(c['sentence'], c.get('text') or '')}”")
        out.append(f"  cited directly or transitively by {len(m['cited_by_all'])}, along these chains:")
        for c in m["cited_by_chains"]:
            out.append(f"    {c['chain_text']}   ({', '.join(c['relations'])})")
        out.append(f"  cites {len(m['cites'])}:" + ("" if m["cites"] or m.get("extracted")
                                                   else "  (unknown: the document is not in the archive)"))
        for c in m["cites"]:
            out.append(f"    → {_line(c)}  — {c['relation']}")
        deeper = [c for c in m["cites_chains"] if c["depth"] > 1]
        if deeper:
            out.append("  and through them:")
            for c in deeper:
                out.append(f"    {c['chain_text']}   ({', '.join(c['relations'])})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- writers
def _flat_value(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v if x is not None) or None
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def flat_graph(G: nx.MultiDiGraph, rename: Optional[dict] = None) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can store: no None (omitted), lists joined
    with ``; ``, dicts as JSON text. ``rename`` renames edge attributes."""
    rename = rename or {}
    H = nx.MultiDiGraph()
    H.graph.update({k: _flat_value(v) for k, v in G.graph.items() if _flat_value(v) is not None})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _flat_value(v) for k, v in d.items() if _flat_value(v) is not None})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{rename.get(a, a): _flat_value(b) for a, b in d.items()
                                   if _flat_value(b) is not None})
    return H


def write_graphml(G, path) -> None:
    nx.write_graphml(flat_graph(G), str(path), encoding="utf-8", prettyprint=True)


def write_gexf(G, path) -> None:
    # GEXF reserves start/end for time intervals: the span is written span_start/span_end;
    # an edge's label (shown by Gephi) is its relation
    H = flat_graph(G, rename={"start": "span_start", "end": "span_end"})
    for u, v, k, d in H.edges(keys=True, data=True):
        d["label"] = d.get("relation", k)
    nx.write_gexf(H, str(path), encoding="utf-8", prettyprint=True)


def node_link(G) -> dict:
    return nx.node_link_data(G, edges="edges")


def write_json(G, path) -> None:
    Path(path).write_text(json.dumps(node_link(G), ensure_ascii=False, indent=1), encoding="utf-8")


def write_html(G, path, title: str = "chidao — citation graph") -> None:
    Path(path).write_text(html_page(G, title), encoding="utf-8")


WRITERS = {".graphml": write_graphml, ".gexf": write_gexf, ".json": write_json, ".html": write_html,
           ".htm": write_html}


def write(G: nx.MultiDiGraph, path) -> None:
    """Writes ``G`` in the format of ``path``'s extension (.graphml, .gexf, .json, .html)."""
    ext = Path(path).suffix.lower()
    if ext not in WRITERS:
        raise ValueError(f"unknown graph format {ext or '(none)'!r}: use one of "
                         + ", ".join(sorted(set(WRITERS) - {'.htm'})))
    WRITERS[ext](G, path)


# --------------------------------------------------------------------------- HTML
def html_page(G: nx.MultiDiGraph, title: str = "chidao — citation graph") -> str:
    """A self-contained page (no network needed): the graph as JSON and a small SVG
    renderer in vanilla JavaScript (force-directed layout per connected part, parts packed
    in rows; hover shows a document's metadata, a click highlights its neighbours)."""
    nodes = []
    for n, d in sorted(G.nodes(data=True)):
        nodes.append({"id": n, **{k: d.get(k) for k in _NODE_FIELDS},
                      "cited_by": d.get("cited_by", 0), "cites": d.get("cites", 0),
                      "paths": d.get("paths") or []})
    edges = []
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        edges.append({"source": u, "target": v, "relation": d.get("relation", k),
                      "text": d.get("text") or "", "sentence": d.get("sentence") or "",
                      "file": d.get("file")})
    data = {"title": title, "nodes": nodes, "edges": edges}
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
    return (_HTML.replace("__TITLE__", html.escape(title))
                 .replace("__DATA__", blob)
                 .replace("__SCRIPT__", _JS))


_HTML = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
  :root { --party: #c0392b; --state: #1f5fbf; --unknown: #6b7280; --ink: #1f2937; --muted: #6b7280; }
  html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #f7f7f4; }
  header { position: fixed; top: 0; left: 0; right: 0; height: 44px; display: flex; align-items: center; gap: 16px;
           padding: 0 16px; background: #fff; border-bottom: 1px solid #e5e7eb; z-index: 3; }
  header h1 { font-size: 15px; margin: 0; font-weight: 600; }
  #stats { color: var(--muted); }
  #find { margin-left: auto; padding: 5px 8px; border: 1px solid #d1d5db; border-radius: 6px; width: 200px; font: inherit; }
  #graph { position: fixed; top: 44px; left: 0; right: 0; bottom: 32px; width: 100%; height: calc(100% - 76px); cursor: grab; }
  #graph.dragging { cursor: grabbing; }
  .edge { stroke-width: 1.3; fill: none; opacity: .75; }
  .node circle { stroke-width: 2; }
  .node.extracted circle { stroke: #fff; }
  .node.cited circle { fill: #fff !important; stroke-dasharray: 3 2; }
  .node text { font-size: 11px; fill: #111827; paint-order: stroke; stroke: #f7f7f4; stroke-width: 3px; stroke-linejoin: round; pointer-events: none; }
  .node { cursor: pointer; }
  .node.found circle { stroke: #f59e0b !important; stroke-width: 4; }
  svg.sel .node:not(.hl) { opacity: .15; }
  svg.sel .edge:not(.hl) { opacity: .06; }
  svg.sel .edge.hl { stroke-width: 2.2; opacity: 1; }
  .node.focus circle { stroke: #111827 !important; stroke-width: 3; }
  #tip { position: fixed; pointer-events: none; display: none; max-width: 380px; background: #111827; color: #f9fafb;
         padding: 8px 10px; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 5; font-size: 12px; }
  #tip b { font-size: 13px; }
  #tip .k { color: #9ca3af; }
  #legend { position: fixed; left: 0; right: 0; bottom: 0; height: 32px; display: flex; align-items: center; gap: 18px;
            padding: 0 16px; background: #fff; border-top: 1px solid #e5e7eb; font-size: 12px; z-index: 2; color: #374151; }
  #legend div { display: flex; align-items: center; gap: 6px; }
  #legend .hint { margin-left: auto; color: var(--muted); }
  #legend svg { overflow: visible; }
  #info { position: fixed; right: 12px; top: 56px; width: 340px; max-height: calc(100% - 80px); overflow: auto; display: none;
          background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; z-index: 2; box-shadow: 0 2px 10px rgba(0,0,0,.08); }
  #info h2 { font-size: 14px; margin: 0 0 4px; }
  #info ul { padding-left: 16px; margin: 4px 0 8px; }
  #info li { margin: 2px 0; cursor: pointer; }
  #info li:hover { text-decoration: underline; }
  #info .rel { color: var(--muted); font-size: 11px; }
</style>
</head>
<body>
<header><h1>__TITLE__</h1><span id="stats"></span>
<input id="find" type="search" placeholder="Find a number, e.g. 04-NQ/TU" aria-label="find a document number"></header>
<svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="citation graph">
  <defs id="defs"></defs>
  <g id="viewport"><g id="edges"></g><g id="nodes"></g></g>
</svg>
<div id="legend"></div>
<aside id="info"></aside>
<div id="tip"></div>
<script type="application/json" id="graph-data">__DATA__</script>
<script>
__SCRIPT__
</script>
</body>
</html>
"""

_JS = r"""
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.nodes, edges = data.edges;
  var REGIME = { party: "#c0392b", state: "#1f5fbf", unknown: "#6b7280" };
  var REL = { legal_basis: "#15803d", implements: "#ea580c", requested_by: "#7c3aed",
              replaces: "#dc2626", amends: "#db2777", cites: "#94a3b8", encloses: "#111827" };
  var byId = {};
  nodes.forEach(function (n, i) { n.i = i; n.nb = []; n.inn = 0; n.out = 0; byId[n.id] = n; });
  edges.forEach(function (e) {
    e.s = byId[e.source]; e.t = byId[e.target];
    e.s.out++; e.t.inn++; e.s.nb.push(e.t); e.t.nb.push(e.s);
  });
  nodes.forEach(function (n) {
    n.r = 6 + 2.6 * Math.sqrt(n.inn);
    n.text = String(n.label || n.number || "?");
    n.w = n.r + 5 + n.text.length * 6.4;
  });

  // ---- connected parts, each laid out on its own (Fruchterman-Reingold), then packed in rows
  var seen = {}, parts = [];
  nodes.slice().sort(function (a, b) { return b.nb.length - a.nb.length || (a.id < b.id ? -1 : 1); })
    .forEach(function (start) {
      if (seen[start.id]) return;
      var part = [], queue = [start]; seen[start.id] = true;
      while (queue.length) {
        var x = queue.shift(); part.push(x);
        x.nb.slice().sort(function (a, b) { return b.nb.length - a.nb.length || (a.id < b.id ? -1 : 1); })
          .forEach(function (y) { if (!seen[y.id]) { seen[y.id] = true; queue.push(y); } });
      }
      parts.push(part);
    });

  function layout(part) {
    var m = part.length, K = 58, i, j;
    part.forEach(function (n, k) {       // deterministic start: a sunflower spiral, hubs first
      var a = k * 2.399963, rad = K * 0.7 * Math.sqrt(k);
      n.x = rad * Math.cos(a); n.y = rad * Math.sin(a); n.dx = 0; n.dy = 0;
    });
    if (m < 2) return;
    var links = [];
    edges.forEach(function (e) { if (e.s.part === part && e.t.part === part && e.s !== e.t) links.push(e); });
    var iters = Math.max(60, Math.min(350, Math.floor(3e6 / (m * m))));
    var temp = K * 2;
    for (var it = 0; it < iters; it++) {
      for (i = 0; i < m; i++) { part[i].dx = 0; part[i].dy = 0; }
      for (i = 0; i < m; i++) {
        var a = part[i];
        for (j = i + 1; j < m; j++) {
          var b = part[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = 0.1 * ((i % 3) - 1 || 1); dy = 0.1; d2 = 0.02; }
          if (m > 400 && d2 > 9 * K * K) continue;
          var f = K * K / d2;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      links.forEach(function (e) {
        var dx = e.s.x - e.t.x, dy = e.s.y - e.t.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var f = d / (K * (1 + 0.07 * Math.max(e.s.nb.length, e.t.nb.length)));   // hubs get room for labels
        e.s.dx -= dx * f; e.s.dy -= dy * f; e.t.dx += dx * f; e.t.dy += dy * f;
      });
      for (i = 0; i < m; i++) {
        var n = part[i];
        n.dx -= n.x * 0.02; n.dy -= n.y * 0.02;           // a little gravity keeps it round
        var len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1, step = Math.min(len, temp);
        n.x += n.dx / len * step; n.y += n.dy / len * step;
      }
      temp = Math.max(1, temp * 0.975);
    }
    // then move labels out of each other's way: a node is its circle plus its label's box
    var gap = 3;
    for (it = 0; it < (m > 400 ? 10 : 60); it++) {
      var moved = false;
      for (i = 0; i < m; i++) {
        var p = part[i], ph = Math.max(p.r, 7);
        for (j = i + 1; j < m; j++) {
          var q = part[j], qh = Math.max(q.r, 7);
          var ox = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x - p.r, q.x - q.r) + gap;
          var oy = Math.min(p.y + ph, q.y + qh) - Math.max(p.y - ph, q.y - qh) + gap;
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          if (oy < ox) { var sy = (p.y < q.y || (p.y === q.y && i < j)) ? -oy / 2 : oy / 2; p.y += sy; q.y -= sy; }
          else { var sx = p.x < q.x ? -ox / 2 : ox / 2; p.x += sx; q.x -= sx; }
        }
      }
      if (!moved) break;
    }
  }
  parts.forEach(function (p) { p.forEach(function (n) { n.part = p; }); });
  parts.forEach(layout);

  var PAD = 26, boxes = parts.map(function (p) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    p.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.r); x1 = Math.max(x1, n.x + n.w);
      y0 = Math.min(y0, n.y - n.r - 6); y1 = Math.max(y1, n.y + n.r + 6);
    });
    return { part: p, x0: x0, y0: y0, w: x1 - x0 + PAD, h: y1 - y0 + PAD };
  });
  // skyline packing: each part (tallest first) goes where it rests lowest, left first
  var area = boxes.reduce(function (s, b) { return s + b.w * b.h; }, 0);
  var aspect = Math.max(1, (window.innerWidth || 1400) / Math.max(1, (window.innerHeight || 900) - 74));
  var rowW = Math.max(Math.sqrt(area * aspect) * 1.05, Math.max.apply(null, boxes.map(function (b) { return b.w; }).concat([1])));
  var sky = [{ x: 0, w: rowW, y: 0 }], W = 0, H = 0;
  boxes.sort(function (a, b) { return b.h - a.h || b.w - a.w; });
  boxes.forEach(function (b) {
    var best = null;
    sky.forEach(function (seg) {
      var x = seg.x;
      if (x > 0 && x + b.w > rowW) return;
      var y = 0;
      sky.forEach(function (t) { if (t.x < x + b.w && t.x + t.w > x) y = Math.max(y, t.y); });
      if (!best || y < best.y - 0.5 || (Math.abs(y - best.y) <= 0.5 && x < best.x)) best = { x: x, y: y };
    });
    var out = [];
    sky.forEach(function (t) {
      var t1 = t.x + t.w;
      if (t1 <= best.x || t.x >= best.x + b.w) { out.push(t); return; }
      if (t.x < best.x) out.push({ x: t.x, w: best.x - t.x, y: t.y });
      if (t1 > best.x + b.w) out.push({ x: best.x + b.w, w: t1 - best.x - b.w, y: t.y });
    });
    out.push({ x: best.x, w: b.w, y: best.y + b.h });
    out.sort(function (p, q) { return p.x - q.x; });
    sky = [];
    out.forEach(function (t) {
      var last = sky[sky.length - 1];
      if (last && Math.abs(last.y - t.y) < 0.5) last.w += t.w; else sky.push(t);
    });
    b.ox = best.x - b.x0 + PAD / 2; b.oy = best.y - b.y0 + PAD / 2;
    b.part.forEach(function (n) { n.x += b.ox; n.y += b.oy; });
    W = Math.max(W, best.x + b.w); H = Math.max(H, best.y + b.h);
  });

  // ---- drawing
  var svg = document.getElementById("graph"), gEdges = document.getElementById("edges"),
      gNodes = document.getElementById("nodes"), defs = document.getElementById("defs");
  function el(tag, attrs, parent) {
    var x = document.createElementNS(SVGNS, tag);
    for (var k in attrs) x.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(x);
    return x;
  }
  Object.keys(REL).forEach(function (r) {
    var mk = el("marker", { id: "arrow-" + r, viewBox: "0 0 10 10", refX: "9", refY: "5",
                            markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,1 L10,5 L0,9 z", fill: REL[r] }, mk);
  });
  edges.forEach(function (e) {
    var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    var x2 = e.t.x - dx / d * (e.t.r + 2), y2 = e.t.y - dy / d * (e.t.r + 2);
    var x1 = e.s.x + dx / d * e.s.r, y1 = e.s.y + dy / d * e.s.r;
    var rel = REL[e.relation] ? e.relation : "cites";
    e.el = el("line", { "class": "edge rel-" + rel, x1: x1.toFixed(1), y1: y1.toFixed(1),
                        x2: x2.toFixed(1), y2: y2.toFixed(1), stroke: REL[rel],
                        "marker-end": "url(#arrow-" + rel + ")",
                        "stroke-dasharray": rel === "encloses" ? "4 3" : "none" }, gEdges);
  });
  nodes.forEach(function (n) {
    var color = REGIME[n.regime] || REGIME.unknown;
    var g = el("g", { "class": "node " + (n.extracted ? "extracted" : "cited") + " regime-" + (n.regime || "unknown"),
                      "data-id": n.id, transform: "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")" }, gNodes);
    el("circle", { r: n.r.toFixed(1), fill: color, stroke: color }, g);
    var t = el("text", { "class": "label", x: (n.r + 3).toFixed(1), y: "3.5" }, g);
    t.textContent = n.text;
    n.el = g;
    g.addEventListener("mouseenter", function (ev) { showTip(n, ev); });
    g.addEventListener("mousemove", moveTip);
    g.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    g.addEventListener("click", function (ev) { ev.stopPropagation(); select(n); });
  });
  var nExtracted = nodes.filter(function (n) { return n.extracted; }).length;
  document.getElementById("stats").textContent = nodes.length + " documents (" + nExtracted +
    " in the archive, " + (nodes.length - nExtracted) + " cited only) · " + edges.length + " citations";

  // ---- legend
  var legend = document.getElementById("legend");
  function legendRow(draw, label) {
    var row = document.createElement("div");
    var s = el("svg", { width: "22", height: "12" }, row);
    draw(s);
    var span = document.createElement("span"); span.textContent = label; row.appendChild(span);
    legend.appendChild(row);
  }
  legendRow(function (s) { el("circle", { cx: 6, cy: 6, r: 5, fill: REGIME.party }, s); }, "Party document");
  legendRow(function (s) { el("circle", { cx: 6, cy: 6, r: 5, fill: REGIME.state }, s); }, "State document");
  legendRow(function (s) { el("circle", { cx: 6, cy: 6, r: 5, fill: "#fff", stroke: "#6b7280", "stroke-width": 2, "stroke-dasharray": "3 2" }, s); }, "cited only (not in the archive)");
  var used = {};
  edges.forEach(function (e) { used[e.relation] = true; });
  Object.keys(REL).forEach(function (r) {
    if (!used[r]) return;
    legendRow(function (s) { el("line", { x1: 0, y1: 6, x2: 20, y2: 6, stroke: REL[r], "stroke-width": 2,
                                          "stroke-dasharray": r === "encloses" ? "4 3" : "none" }, s); }, r.replace("_", " "));
  });

  // ---- view box: fit, zoom with the wheel, pan by dragging
  var vb = { x: -10, y: -10, w: W + 20, h: H + 20 };
  function applyVB() { svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].map(function (v) { return v.toFixed(1); }).join(" ")); }
  applyVB();
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = svg.getBoundingClientRect(), k = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    var scale = Math.max(vb.w / rect.width, vb.h / rect.height);
    var px = vb.x + (ev.clientX - rect.left - (rect.width - vb.w / scale) / 2) * scale;
    var py = vb.y + (ev.clientY - rect.top - (rect.height - vb.h / scale) / 2) * scale;
    vb.x = px - (px - vb.x) * k; vb.y = py - (py - vb.y) * k; vb.w *= k; vb.h *= k; applyVB();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y, moved: false }; svg.classList.add("dragging"); });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var rect = svg.getBoundingClientRect(), scale = Math.max(vb.w / rect.width, vb.h / rect.height);
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) drag.moved = true;
    vb.x = drag.vx - (ev.clientX - drag.x) * scale; vb.y = drag.vy - (ev.clientY - drag.y) * scale; applyVB();
  });
  window.addEventListener("mouseup", function () { svg.classList.remove("dragging"); setTimeout(function () { drag = null; }, 0); });
  svg.addEventListener("click", function () { if (!drag || !drag.moved) select(null); });

  // ---- hover and selection
  var tip = document.getElementById("tip"), info = document.getElementById("info");
  function row(parent, key, value) {
    if (value === null || value === undefined || value === "") return;
    var d = document.createElement("div");
    var k = document.createElement("span"); k.className = "k"; k.textContent = key + ": ";
    d.appendChild(k); d.appendChild(document.createTextNode(String(value)));
    parent.appendChild(d);
  }
  function showTip(n, ev) {
    tip.innerHTML = "";
    var b = document.createElement("b"); b.textContent = (n.doc_type ? n.doc_type + " " : "") + n.text; tip.appendChild(b);
    row(tip, "date", n.date);
    row(tip, "issuer", n.issuer);
    row(tip, "about", n.subject && n.subject.length > 220 ? n.subject.slice(0, 217) + "…" : n.subject);
    row(tip, "jurisdiction", n.jurisdiction);
    row(tip, "id", n.id);
    row(tip, n.extracted ? "file" : "status", n.extracted ? (n.paths.length ? n.paths.join(", ") : n.path) : "cited only");
    row(tip, "cited by", n.inn); row(tip, "cites", n.out);
    tip.style.display = "block"; moveTip(ev);
  }
  function moveTip(ev) {
    var x = ev.clientX + 14, y = ev.clientY + 14, w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = ev.clientX - w - 14;
    if (y + h > window.innerHeight - 8) y = ev.clientY - h - 14;
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function select(n) {
    nodes.forEach(function (m) { m.el.classList.remove("hl", "focus"); });
    edges.forEach(function (e) { e.el.classList.remove("hl"); });
    if (!n) { svg.classList.remove("sel"); info.style.display = "none"; return; }
    svg.classList.add("sel");
    n.el.classList.add("hl", "focus");
    var outs = [], ins = [];
    edges.forEach(function (e) {
      if (e.s === n || e.t === n) {
        e.el.classList.add("hl"); e.s.el.classList.add("hl"); e.t.el.classList.add("hl");
        if (e.s === n) outs.push(e); else ins.push(e);
      }
    });
    info.innerHTML = "";
    var h = document.createElement("h2"); h.textContent = (n.doc_type ? n.doc_type + " " : "") + n.text; info.appendChild(h);
    row(info, "date", n.date); row(info, "issuer", n.issuer); row(info, "about", n.subject);
    row(info, "id", n.id);
    function list(title, items, other) {
      if (!items.length) return;
      var p = document.createElement("div"); p.textContent = title; p.style.marginTop = "6px"; p.style.fontWeight = "600"; info.appendChild(p);
      var ul = document.createElement("ul"); info.appendChild(ul);
      items.forEach(function (e) {
        var li = document.createElement("li"), m = other(e);
        li.textContent = m.text + (m.issuer && m.text.indexOf(m.issuer) < 0 ? " — " + m.issuer : "") + " ";
        var r = document.createElement("span"); r.className = "rel"; r.textContent = e.relation; li.appendChild(r);
        if (e.sentence) li.title = e.sentence;
        li.addEventListener("click", function () { select(m); });
        ul.appendChild(li);
      });
    }
    list("Cited by", ins, function (e) { return e.s; });
    list("Cites", outs, function (e) { return e.t; });
    info.style.display = "block";
  }
  var find = document.getElementById("find");
  function key(s) { return String(s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/[\s\u2013\u2014]+/g, "").replace(/^0+(?=\d)/, ""); }
  find.addEventListener("input", function () {
    var q = key(find.value), first = null;
    nodes.forEach(function (n) {
      var hit = q && key(n.number || n.text).indexOf(q) === 0;
      n.el.classList.toggle("found", !!hit);
      if (hit && !first) first = n;
    });
    if (first) select(first); else select(null);
  });
  var hint = document.createElement("span"); hint.className = "hint";
  hint.textContent = "hover: details · click: neighbours · wheel: zoom · drag: pan";
  legend.appendChild(hint);
  if (location.hash.length > 1) { find.value = decodeURIComponent(location.hash.slice(1)); find.dispatchEvent(new Event("input")); }
  document.body.setAttribute("data-rendered", String(nodes.length));
})();
"""
