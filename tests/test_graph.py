"""Document identity and the citation graph (issue 3), on real letters and real components:
ids (extractor/resolve.py and its rule examples), the graph of the corpus, its files
(GraphML, GEXF, node-link JSON, HTML shown in a real headless Chromium), `--about`, and the
`chidao graph` command."""
from __future__ import annotations

import html as htmlmod
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import CORPUS, ROOT
from extractor import extract
from extractor.graph import about, build_graph, format_about, write
from extractor.resolve import (assign_ids, document_id, document_year, number_key, parse_id,
                               resolve_place)
from extractor.resources import load_examples

FORMATS = {".txt", ".md", ".docx", ".pdf"}


def chidao(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def letter(issuer_lines: str, number: str, place_date: str, title: str, body: str,
           regime: str = "party") -> bytes:
    motto = ("ĐẢNG CỘNG SẢN VIỆT NAM" if regime == "party"
             else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    return (f"{issuer_lines}\n*\n\n{motto}\n\nSố {number}\n\n{place_date}\n\n{title}\n\n{body}\n\n"
            "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"
            ).encode("utf-8")


# The Kế hoạch 67-KH/HU that 1307-CV/HU (corpus) implements: with it in the archive the chain
# 04-NQ/TU ← 67-KH/HU ← 1307-CV/HU exists.
KH67_BINHSON = letter(
    "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY BÌNH SƠN", "67-KH/HU", "Bình Sơn, ngày 10 tháng 01 năm 2022",
    "KẾ HOẠCH\ntriển khai thực hiện Nghị quyết số 04-NQ/TU của Hội nghị Tỉnh ủy lần thứ 5 khóa XX",
    "Thực hiện Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Hội nghị Tỉnh ủy lần thứ 5 khóa XX về "
    "đẩy mạnh cải cách hành chính, nâng cao thứ hạng các chỉ số cải cách hành chính; căn cứ Thông "
    "tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ, Ban Thường vụ Huyện ủy xây "
    "dựng Kế hoạch triển khai thực hiện như sau:\n\n1. Các chi bộ, đảng bộ cơ sở quán triệt Nghị "
    "quyết đến cán bộ, đảng viên.")

# Another district's letters: its own 67-KH/HU (not Bình Sơn's), the same 04-NQ/TU.
KH67_TUNGHIA = letter(
    "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY TƯ NGHĨA", "67-KH/HU", "Tư Nghĩa, ngày 14 tháng 01 năm 2022",
    "KẾ HOẠCH\nvề công tác kiểm tra, giám sát năm 2022",
    "Căn cứ Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương về công tác kiểm tra, "
    "giám sát và kỷ luật của Đảng, Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:\n\n1. Kiểm tra "
    "việc thực hiện Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Tỉnh ủy về cải cách hành chính.")
CV_TUNGHIA = letter(
    "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY TƯ NGHĨA", "215-CV/HU", "Tư Nghĩa, ngày 03 tháng 3 năm 2022",
    "V/v triển khai Kế hoạch kiểm tra, giám sát",
    "Kính gửi: Các chi bộ, đảng bộ cơ sở\n\nThực hiện Kế hoạch số 67-KH/HU ngày 14/01/2022 của Ban "
    "Thường vụ Huyện ủy về công tác kiểm tra, giám sát năm 2022, Ban Thường vụ Huyện ủy đề nghị các "
    "chi bộ, đảng bộ cơ sở triển khai thực hiện; thực hiện Thông tư số 01/2018/TT-VPCP ngày "
    "23/11/2018 của Văn phòng Chính phủ.")


def _rec(data: bytes, name: str) -> dict:
    d = extract(data, format="txt").to_dict()
    d["source"]["path"] = name
    return d


def _nodes_numbered(G, number):
    return [n for n, d in G.nodes(data=True) if number_key(d.get("number")) == number_key(number)]


# --------------------------------------------------------------------------- rule examples
EXAMPLES = load_examples("jurisdiction")


@pytest.mark.parametrize("ex", EXAMPLES, ids=[f"{e['input'].get('issuer')}|{e['input'].get('number')}"
                                              for e in EXAMPLES])
def test_jurisdiction_example(ex):
    i = ex["input"]
    ctx = i.get("context")
    context = resolve_place(ctx.get("issuer"), ctx.get("parent")) if ctx else None
    place = resolve_place(i.get("issuer"), i.get("parent"), i.get("number"), context)
    assert str(place) == ex["expected"]["jurisdiction"]
    if "id" in ex["expected"]:
        date = i.get("date")
        year = int(str(date)[:4]) if date else None
        got = document_id(str(place), document_year(i.get("number"), year), i.get("number"))
        assert got == ex["expected"]["id"]


def test_number_key_ignores_spaces_dashes_case_tone_marks_and_leading_zeros():
    assert number_key("04-NQ/TU") == number_key("Số: 4 – nq/tu") == number_key("04-\nNQ/TU") == "4-nq/tu"
    assert number_key("422/QĐ-TTg") == number_key("422/QD-TTG") == "422/qd-ttg"
    assert number_key("46 - CT/TW") == "46-ct/tw"
    assert document_year("01/2018/TT-VPCP", None) == 2018
    assert document_year("01/2018/TT-VPCP", 2019) == 2018      # the number wins over a mistyped date
    assert document_year("67-KH/HU", 2022) == 2022
    assert parse_id("quang-ngai/binh-son:2022:67-kh/hu") == ("quang-ngai/binh-son", 2022, "67-kh/hu")


# --------------------------------------------------------------------------- ids on records
def test_pipeline_sets_ids_on_the_record_and_its_references():
    rec = extract(CORPUS / "huyenuy-binhson-1307.docx")
    assert rec.id == "quang-ngai/binh-son:2022:1307-cv/hu"
    ids = {r.number: r.id for r in rec.references}
    assert ids["67-KH/HU"] == "quang-ngai/binh-son:2022:67-kh/hu"
    assert ids["04-NQ/TU"] == "quang-ngai:2021:4-nq/tu"
    d = rec.to_dict()                       # validated against the schema
    assert d["id"] == rec.id and d["references"][0]["id"]


def test_assign_ids_works_on_dicts_and_recurses_into_attachments():
    d = extract(CORPUS / "ubnd-batieu-2023.docx").to_dict()
    for r in [d, *d["attachments"]]:
        r["id"] = None
        for ref in r["references"]:
            ref["id"] = None
    assign_ids(d)
    att = d["attachments"][0]                # Huyện ủy Ba Tơ's letter: its own header is its context
    assert att["id"].startswith("quang-ngai/ba-to:")
    refs = {r["number"]: r["id"] for r in att["references"]}
    assert refs["04-NQ/TU"] == "quang-ngai:2021:4-nq/tu"
    assert refs["23-CTr/HU"].startswith("quang-ngai/ba-to:")
    assert d["id"] and all(r["id"] for r in d["references"])


def test_every_format_of_a_corpus_letter_has_the_same_id(corpus_records):
    by_stem = {}
    for r in corpus_records:
        stem = Path(r["source"]["path"]).stem
        by_stem.setdefault(stem, set()).add(r["id"])
    for stem, ids in by_stem.items():
        assert len(ids) == 1, (stem, ids)
    assert len({next(iter(v)) for v in by_stem.values()}) == len(by_stem)   # and letters differ


def test_same_document_cited_from_two_letters_is_one_node():
    a = _rec(KH67_BINHSON, "binhson-67.txt")
    b = _rec(KH67_TUNGHIA, "tunghia-67.txt")
    G = build_graph([a, b])
    nq = _nodes_numbered(G, "04-NQ/TU")
    assert nq == ["quang-ngai:2021:4-nq/tu"]
    assert {G.nodes[u]["path"] for u, _ in G.in_edges(nq[0])} == {"binhson-67.txt", "tunghia-67.txt"}
    assert G.nodes[nq[0]]["extracted"] is False and G.nodes[nq[0]]["cited_by"] == 2


def test_same_symbol_in_two_districts_is_two_nodes():
    binhson = extract(CORPUS / "huyenuy-binhson-1307.docx").to_dict()
    G = build_graph([binhson, _rec(KH67_TUNGHIA, "tunghia-67.txt"), _rec(CV_TUNGHIA, "tunghia-215.txt")])
    kh67 = sorted(_nodes_numbered(G, "67-KH/HU"))
    assert kh67 == ["quang-ngai/binh-son:2022:67-kh/hu", "quang-ngai/tu-nghia:2022:67-kh/hu"]
    # Bình Sơn's is only cited; Tư Nghĩa's is in the archive and its 215-CV/HU cites it
    assert G.nodes[kh67[0]]["extracted"] is False
    assert G.nodes[kh67[1]]["extracted"] is True
    assert [G.nodes[u]["number"] for u, _ in G.in_edges(kh67[1])] == ["215-CV/HU"]
    assert [G.nodes[u]["number"] for u, _ in G.in_edges(kh67[0])] == ["1307-CV/HU"]


def test_national_documents_are_one_node_whoever_cites_them():
    G = build_graph([_rec(KH67_BINHSON, "binhson-67.txt"), _rec(CV_TUNGHIA, "tunghia-215.txt"),
                     _rec(KH67_TUNGHIA, "tunghia-67.txt"),
                     extract(CORPUS / "ubnd-trucninh-nv-2021.docx"),
                     extract(CORPUS / "ubnd-laichau-qd-2025-ocr.txt")])
    tt = _nodes_numbered(G, "01/2018/TT-VPCP")
    assert tt == ["vn:2018:1/2018/tt-vpcp"]
    assert G.nodes[tt[0]]["cited_by"] == 4
    [qd] = _nodes_numbered(G, "22-QĐ/TW")
    assert parse_id(qd)[0] == "vn"


def test_two_drafts_of_one_body_differ_and_a_draft_keeps_its_id_across_formats():
    a = extract(CORPUS / "danguy-conghai-kh-cds-2026.docx").id
    b = extract(CORPUS / "danguy-conghai-tb-2025.docx").id
    assert a != b and "#" in a and "#" in b
    assert extract(CORPUS / "danguy-conghai-kh-cds-2026.pdf").id == a


# --------------------------------------------------------------------------- the corpus graph
@pytest.fixture(scope="session")
def corpus_records():
    files = sorted(f for f in CORPUS.iterdir() if f.suffix in FORMATS and f.name != "README.md")
    return [extract(f).to_dict() for f in files]


@pytest.fixture(scope="session")
def corpus_graph(corpus_records):
    return build_graph(corpus_records)


def test_corpus_04_nq_tu_is_one_node_cited_from_two_districts(corpus_graph):
    G = corpus_graph
    nodes = _nodes_numbered(G, "04-NQ/TU")
    assert nodes == ["quang-ngai:2021:4-nq/tu"]
    n = nodes[0]
    citing = sorted({u for u, _, k in G.in_edges(n, keys=True)})
    assert len(citing) == 2 and G.in_degree(n) == 2       # every format of a letter: one edge
    assert sorted(G.nodes[u]["jurisdiction"] for u in citing) == ["quang-ngai/ba-to", "quang-ngai/binh-son"]
    files = sorted(Path(G.edges[u, n, k]["file"]).stem for u, _, k in G.in_edges(n, keys=True))
    assert files == ["huyenuy-binhson-1307", "ubnd-batieu-2023"]
    for u, _, k in G.in_edges(n, keys=True):
        e = G.edges[u, n, k]
        assert e["relation"] in ("cites", "implements")
        assert "04-NQ/TU" in e["text"] and "04-NQ/TU" in e["sentence"]
        assert isinstance(e["start"], int) and e["end"] > e["start"]


def test_corpus_graph_nodes_metadata_and_stubs(corpus_graph):
    G = corpus_graph
    n = G.nodes["quang-ngai/binh-son:2022:1307-cv/hu"]
    assert n["extracted"] and n["issuer"] == "Huyện ủy Bình Sơn" and n["date"] == "2022-10-13"
    assert n["doc_type"] == "Công văn" and n["subject"].startswith("Chỉ đạo thực hiện")
    assert {Path(p).suffix for p in n["paths"]} == {".docx", ".md", ".pdf"}
    stub = G.nodes["quang-ngai/binh-son:2022:67-kh/hu"]
    assert not stub["extracted"] and stub["doc_type"] == "Kế hoạch" and stub["date"] == "2022-01-10"
    assert stub["issuer"] == "Ban Thường vụ Huyện ủy" and stub["regime"] == "party"
    # a cover letter encloses its attachment
    att = [v for _, v, k in G.out_edges(keys=True) if k == "encloses"]
    assert att and all(G.nodes[v]["extracted"] for v in att)
    # the district whose province only another letter names is completed (ubnd-binhson-tthc)
    assert any(d.get("path", "").endswith("ubnd-binhson-tthc-2024.docx") and d["jurisdiction"] == "quang-ngai/binh-son"
               for _, d in G.nodes(data=True))
    assert all(d["relation"] in ("legal_basis", "implements", "requested_by", "replaces", "amends",
                                 "cites", "encloses") for *_, d in G.edges(data=True))


def _edge_set(G):
    return sorted((u, v, d.get("relation")) for u, v, d in G.edges(data=True))


def test_graph_round_trips_through_graphml(corpus_graph, tmp_path):
    path = tmp_path / "g.graphml"
    write(corpus_graph, path)
    H = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(H, nx.MultiDiGraph)
    assert set(H.nodes) == set(corpus_graph.nodes)
    assert _edge_set(H) == _edge_set(corpus_graph)
    n = "quang-ngai:2021:4-nq/tu"
    assert H.nodes[n]["number"] == "04-NQ/TU" and H.nodes[n]["extracted"] is False
    e = next(d for u, v, d in H.edges(data=True) if v == n)
    assert isinstance(e["start"], int) and "04-NQ/TU" in e["text"]
    # GraphML cannot store None or lists: absent values are omitted, lists joined
    assert "None" not in path.read_text(encoding="utf-8")


def test_graph_round_trips_through_gexf(corpus_graph, tmp_path):
    path = tmp_path / "g.gexf"
    write(corpus_graph, path)
    H = nx.read_gexf(path)
    assert set(H.nodes) == set(corpus_graph.nodes)
    assert _edge_set(H) == _edge_set(corpus_graph)
    e = next(d for u, v, d in H.edges(data=True) if v == "quang-ngai:2021:4-nq/tu")
    assert e["span_end"] > e["span_start"]
    assert H.nodes["quang-ngai:2021:4-nq/tu"]["label"] == "04-NQ/TU"


def test_graph_round_trips_through_node_link_json(corpus_graph, tmp_path):
    path = tmp_path / "g.json"
    write(corpus_graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_multigraph() and H.is_directed()
    assert set(H.nodes) == set(corpus_graph.nodes)
    assert _edge_set(H) == _edge_set(corpus_graph)
    assert H.nodes["quang-ngai/binh-son:2022:1307-cv/hu"] == corpus_graph.nodes["quang-ngai/binh-son:2022:1307-cv/hu"]


def test_unknown_extension_is_refused(corpus_graph, tmp_path):
    with pytest.raises(ValueError, match="graphml"):
        write(corpus_graph, tmp_path / "g.dot")


# --------------------------------------------------------------------------- --about
def test_about_gives_the_chain():
    recs = [extract(CORPUS / "huyenuy-binhson-1307.docx"), _rec(KH67_BINHSON, "binhson-67.txt"),
            extract(CORPUS / "ubnd-batieu-2023.docx")]
    G = build_graph(recs)
    ans = about(G, "04-nq/tu")
    [m] = ans["matches"]
    assert m["id"] == "quang-ngai:2021:4-nq/tu"
    direct = sorted(c["number"] for c in m["cited_by"])
    assert direct == ["-CV/HU", "1307-CV/HU", "67-KH/HU"]      # 1307 also names it itself
    assert {c["number"]: c["depth"] for c in m["cited_by_all"]} == {
        "-CV/HU": 1, "1307-CV/HU": 1, "67-KH/HU": 1, "/UBND": 2}
    chains = {c["chain_text"]: c for c in m["cited_by_chains"]}
    deep = chains["04-NQ/TU ← 67-KH/HU ← 1307-CV/HU"]
    assert deep["depth"] == 2 and deep["relations"][1] == "implements"   # 1307 implements 67
    assert deep["chain"] == ["quang-ngai:2021:4-nq/tu", "quang-ngai/binh-son:2022:67-kh/hu",
                             "quang-ngai/binh-son:2022:1307-cv/hu"]
    assert "04-NQ/TU ← -CV/HU · Huyện ủy Ba Tơ ← /UBND · UBND xã Ba Tiêu" in chains
    fwd = {c["chain_text"] for c in about(G, "1307-CV/HU")["matches"][0]["cites_chains"]}
    assert "1307-CV/HU → 67-KH/HU → 04-NQ/TU" in fwd
    kh = about(G, "67-KH/HU")["matches"][0]
    assert sorted(c["number"] for c in kh["cites"]) == ["01/2018/TT-VPCP", "04-NQ/TU"]
    text = format_about(ans)
    assert "04-NQ/TU ← 67-KH/HU ← 1307-CV/HU" in text and "cited directly by 3" in text
    assert about(G, "999-XX/YY")["matches"] == []


def test_cli_graph_about_over_the_corpus(tmp_path):
    p = chidao("graph", CORPUS, "--about", "04-NQ/TU")
    assert p.returncode == 0, p.stderr
    assert "quang-ngai:2021:4-nq/tu" in p.stdout and "cited directly by 2" in p.stdout
    assert "1307-CV/HU" in p.stdout and "Huyện ủy Ba Tơ" in p.stdout
    p = chidao("graph", CORPUS / "huyenuy-binhson-1307.md", "--about", "04-NQ/TU", "--json")
    ans = json.loads(p.stdout)
    assert ans["matches"][0]["cited_by"][0]["number"] == "1307-CV/HU"


def test_cli_graph_reads_jsonl_as_is_and_reports_bad_files(tmp_path):
    jsonl = tmp_path / "records.jsonl"
    p = chidao("extract", "--jsonl", CORPUS / "huyenuy-binhson-1307.docx", "-o", jsonl)
    assert p.returncode == 0, p.stderr
    rec = json.loads(jsonl.read_text(encoding="utf-8"))
    rec["subject"] = "SUBJECT AS WRITTEN IN THE JSONL"      # records are used as they are
    jsonl.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + os.urandom(500))
    kh = tmp_path / "kh67.txt"
    kh.write_bytes(KH67_BINHSON)
    out = tmp_path / "g.json"
    p = chidao("graph", jsonl, bad, kh, "-o", out)
    assert p.returncode == 1
    err = [l for l in p.stderr.splitlines() if str(bad) in l]
    assert len(err) == 1 and "Traceback" not in p.stderr
    H = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert H.nodes["quang-ngai/binh-son:2022:1307-cv/hu"]["subject"] == "SUBJECT AS WRITTEN IN THE JSONL"
    assert H.nodes["quang-ngai/binh-son:2022:67-kh/hu"]["extracted"] is True
    assert H.has_edge("quang-ngai/binh-son:2022:1307-cv/hu", "quang-ngai/binh-son:2022:67-kh/hu")


def test_cli_graph_needs_an_output_or_a_question():
    p = chidao("graph", CORPUS / "huyenuy-binhson-1307.md")
    assert p.returncode == 2 and "--about" in p.stderr
    p = chidao("graph", CORPUS / "huyenuy-binhson-1307.md", "-o", "g.dot")
    assert p.returncode == 2 and ".graphml" in p.stderr


# --------------------------------------------------------------------------- HTML in a browser
CHROMIUM = next((c for c in ("/usr/bin/chromium", shutil.which("chromium") or "") if c and os.path.exists(c)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed "
                                    "(apt-get install chromium): the HTML page cannot be opened in a headless browser")


def _chromium(page: Path, tmp: Path, *mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp / 'profile'}", "--window-size=1400,900", "--hide-scrollbars",
         *mode, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, cwd=tmp)


def test_html_page_is_self_contained(corpus_graph, tmp_path):
    page = tmp_path / "graph.html"
    write(corpus_graph, page)
    text = page.read_text(encoding="utf-8")
    assert "<script src" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text


@needs_chromium
def test_html_page_shows_the_graph_in_headless_chromium(corpus_graph, tmp_path):
    page = tmp_path / "graph.html"
    write(corpus_graph, page)
    p = _chromium(page, tmp_path, "--dump-dom")
    assert p.returncode == 0, p.stderr[-2000:]
    dom = p.stdout
    groups = re.findall(r'<g class="node [^"]*" data-id="([^"]*)"[^>]*>(.*?)</g>', dom, flags=re.S)
    ids = [htmlmod.unescape(i) for i, _ in groups]
    assert len(ids) == corpus_graph.number_of_nodes() and set(ids) == set(corpus_graph.nodes)
    labels = {htmlmod.unescape(i): htmlmod.unescape(re.search(r'<text class="label"[^>]*>(.*?)</text>', body).group(1))
              for i, body in groups}
    assert labels == {n: d["label"] for n, d in corpus_graph.nodes(data=True)}
    assert labels["quang-ngai:2021:4-nq/tu"] == "04-NQ/TU"
    assert len(re.findall(r'<line class="edge ', dom)) == corpus_graph.number_of_edges()
    assert f'data-rendered="{corpus_graph.number_of_nodes()}"' in dom

    shot = tmp_path / "shot.png"
    p = _chromium(page, tmp_path, f"--screenshot={shot}")
    assert p.returncode == 0 and shot.exists(), p.stderr[-2000:]
    from PIL import Image
    img = Image.open(shot).convert("RGB")
    assert img.size == (1400, 900)
    colours = img.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50                      # not a blank page
    reds = sum(c for c, (r, g, b) in colours if r > 150 and g < 90 and b < 90)
    blues = sum(c for c, (r, g, b) in colours if b > 150 and r < 90 and g < 140)
    assert reds > 100 and blues > 100             # Party and State documents were drawn
