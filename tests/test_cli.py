"""The command line, end to end, as a user runs it (subprocess, real files)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SHARED

FIX = Path(__file__).parent / "fixtures"


def chidao(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture()
def bad_inputs(tmp_path):
    """A good letter among bad files: each bad one must get one clear line."""
    files = {}
    files["empty"] = tmp_path / "empty.txt"
    files["empty"].write_bytes(b"")
    files["junk"] = tmp_path / "junk.pdf"
    files["junk"].write_bytes(os.urandom(2048))
    good_pdf = (CORPUS / "byt-384-cv-2014.pdf").read_bytes()
    files["truncated"] = tmp_path / "truncated.pdf"
    files["truncated"].write_bytes(good_pdf[: len(good_pdf) // 3])
    files["doc"] = tmp_path / "renamed.docx"
    files["doc"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    files["dir"] = tmp_path / "a_folder"
    files["dir"].mkdir()
    files["tcvn3"] = tmp_path / "tcvn3.txt"
    files["tcvn3"].write_bytes("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
                               "KÝnh göi: Së Tµi chÝnh\n".encode("cp1252", errors="replace"))
    enc = FIX / "pdf" / "encrypted.pdf"
    if enc.exists():
        files["encrypted"] = enc
    return files


def test_bad_inputs_one_line_each_others_still_processed(bad_inputs, tmp_path):
    good = CORPUS / "huyenuy-binhson-1307.md"
    args = [good] + list(bad_inputs.values())
    p = chidao("extract", "--jsonl", *args)
    assert p.returncode == 1
    records = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    assert [Path(r["source"]["path"]).name for r in records] == [good.name]
    err = [l for l in p.stderr.splitlines() if l.strip()]
    assert "Traceback" not in p.stderr
    for name, path in bad_inputs.items():
        lines = [l for l in err if str(path) in l]
        assert len(lines) == 1, (name, err)
    expect = {"empty": "empty", "junk": "PDF", "truncated": "damaged", "doc": ".doc",
              "dir": "directory", "tcvn3": "TCVN3", "encrypted": "encrypted"}
    for name, word in expect.items():
        if name in bad_inputs:
            line = next(l for l in err if str(bad_inputs[name]) in l)
            assert word.lower() in line.lower(), line
    assert err[-1].endswith(f"{len(bad_inputs)} of {len(args)} file(s) failed")


def test_extract_jsonl_and_output_file(tmp_path):
    out = tmp_path / "records.jsonl"
    p = chidao("extract", "--jsonl", "-o", out, CORPUS / "byt-384-cv-2014.txt", CORPUS / "byt-384-cv-2014.docx")
    assert p.returncode == 0, p.stderr
    recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["format"] for r in recs] == ["txt", "docx"]
    assert all(r["number"]["text"] == "384/BYT-KCB" for r in recs)
    assert all(len(r["source"]["sha256"]) == 64 for r in recs)


def test_extract_pretty_single_record():
    p = chidao("extract", "--pretty", CORPUS / "huyenuy-binhson-1307.md")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("{\n")
    rec = json.loads(p.stdout)
    assert rec["issuer"]["name"] == "Huyện ủy Bình Sơn"
    assert rec["signer"]["name"] == "Lương Kim Sơn"


def test_schema_command():
    p = chidao("schema")
    assert p.returncode == 0
    s = json.loads(p.stdout)
    assert s["$schema"].endswith("2020-12/schema")
    assert "references" in s["properties"] and "tasks" in s["properties"]


def test_eval_command_on_a_gold_folder(tmp_path):
    for name in ("huyenuy-binhson-1307", "byt-384-cv-2014"):
        for f in CORPUS.glob(name + ".*"):
            (tmp_path / f.name).write_bytes(f.read_bytes())
    p = chidao("eval", tmp_path, "--formats", "txt,md", "--json")
    assert p.returncode == 0, p.stderr
    rep = json.loads(p.stdout)
    assert rep["txt"]["documents"] == 1 and rep["md"]["documents"] == 1
    assert rep["md"]["fields"]["number"]["score"] == 1.0
    assert rep["txt"]["fields"]["signer_name"]["score"] == 1.0
    score = SHARED / "tools" / "score.py"
    if score.exists():  # the CLI agrees with the shared scorer on the same records
        recs = tmp_path / "r.jsonl"
        q = chidao("extract", "--jsonl", "-o", recs, *sorted(tmp_path.glob("*.txt")), *sorted(tmp_path.glob("*.md")))
        assert q.returncode == 0
        s = subprocess.run([sys.executable, str(score), str(tmp_path), "--records", str(recs), "--json",
                            "--formats", "txt,md"], capture_output=True, text=True)
        theirs = json.loads(s.stdout)
        for fmt in ("txt", "md"):
            for field, row in theirs[fmt]["fields"].items():
                assert rep[fmt]["fields"][field]["score"] == pytest.approx(row["score"]), (fmt, field)


def test_python_api_bytes_and_path():
    from extractor import extract
    data = (CORPUS / "huyenuy-binhson-1307.md").read_bytes()
    a = extract(data, format="md")
    b = extract(CORPUS / "huyenuy-binhson-1307.md")
    assert a.number.text == b.number.text == "1307-CV/HU"
    assert a.to_json() and b.to_dict()["source"]["format"] == "md"
