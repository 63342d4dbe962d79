"""Checks Sanad's exports with the tools people train with (run by tests/python/run.sh).

Usage: consumers.py OUT_DIR FIXTURE_JSON

Every check asserts, for every span, that the text at its offsets (Python str indices: code
points) is the span's text. Prints one line per check and `consumers: N passed, M failed`.
"""

import collections
import io
import json
import os
import sys
import traceback
import zipfile

OUT, FIXTURE = sys.argv[1], sys.argv[2]


def path(name):
    return os.path.join(OUT, name)


def jsonl(name):
    with open(path(name), encoding="utf-8", newline="") as f:
        return [json.loads(line) for line in f if line.strip()]


def fixture_done():
    with open(FIXTURE, encoding="utf-8") as f:
        project = json.load(f)
    return [d for d in project["documents"] if d["status"] == "done"]


DONE = fixture_done()
TEXT = {d["id"]: d["text"] for d in DONE}
LABEL_COUNTS = collections.Counter(s["label"] for d in DONE for s in d["spans"])
N_SPANS = sum(len(d["spans"]) for d in DONE)
N_QUOTES = sum(len(d["quotes"]) for d in DONE)

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


@check
def jsonl_spans_and_quotes():
    recs = jsonl("fixture.jsonl")
    assert [r["id"] for r in recs] == [d["id"] for d in DONE], "only documents marked done"
    n = 0
    for r in recs:
        t = r["text"]
        assert r["offset_unit"] == "codepoint"
        assert t == TEXT[r["id"]], "text kept exactly (CRLF, marks, emoji)"
        for s in r["spans"]:
            assert t[s["start"]:s["end"]] == s["text"], (s, t[s["start"]:s["end"]])
            n += 1
        for q in r["quotes"]:
            assert t[q["start"]:q["end"]] == q["text"], q
            for k in ("cue", "speaker"):
                if q[k]:
                    assert t[q[k]["start"]:q[k]["end"]] == q[k]["text"], (k, q[k])
    assert n == N_SPANS


@check
def jsonl_utf16_slices_like_javascript():
    recs = jsonl("fixture.utf16.jsonl")
    for r in recs:
        assert r["offset_unit"] == "utf16"
        units = r["text"].encode("utf-16-le")
        for s in r["spans"]:
            js = units[2 * s["start"]:2 * s["end"]].decode("utf-16-le")
            assert js == s["text"], (s, js)


@check
def spacy_loads_prodigy_spans():
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("xx")
    docs = []
    expected = []
    for r in jsonl("prodigy.jsonl"):
        assert r["answer"] == "accept" and r["offset_unit"] == "codepoint"
        words = [t["text"] for t in r["tokens"]]
        spaces = [t["ws"] for t in r["tokens"]]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        assert doc.text == r["text"], "tokens and ws rebuild the text exactly"
        for t, tok in zip(r["tokens"], doc):
            assert tok.idx == t["start"] and tok.idx + len(tok.text) == t["end"], (t, tok.idx)
        spans = []
        for s in r["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"])
            assert span is not None, f"span {s} is not aligned to tokens"
            assert span.text == r["text"][s["start"]:s["end"]] == s["text"], (span.text, s)
            assert span.start == s["token_start"] and span.end == s["token_end"] + 1, s
            spans.append(span)
        for rel in r["relations"]:
            assert rel["label"] in ("SPEAKER", "CUE")
            for k in ("head_span", "child_span"):
                hs = rel[k]
                assert doc.char_span(hs["start"], hs["end"]) is not None, rel
            assert rel["head"] == rel["head_span"]["token_end"]
        doc.spans["sc"] = spans
        # Entities (non-overlapping, no quotes) as doc.ents too.
        doc.ents = [s for s in spans if s.label_ not in ("QUOTE", "SPEAKER", "CUE")]
        docs.append(doc)
        expected.append(sorted((s.start_char, s.end_char, s.label_) for s in spans))
    assert sum(len(d.ents) for d in docs) == N_SPANS
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [d.text for d in back] == [d.text for d in docs]
    for d, want in zip(back, expected):
        got = sorted((s.start_char, s.end_char, s.label_) for s in d.spans["sc"])
        assert got == want, (got, want)
        for s in d.spans["sc"]:
            assert d.text[s.start_char:s.end_char] == s.text


def read_conll(name):
    """Documents -> sentences -> (tokens, tags)."""
    docs, sent = [], None
    with open(path(name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent and sent[0]:
                    docs[-1].append(sent)
                sent = ([], [])
                continue
            tok, tag = line.split("\t")
            if tok == "-DOCSTART-":
                docs.append([])
                sent = ([], [])
                continue
            sent[0].append(tok)
            sent[1].append(tag)
    if sent and sent[0]:
        docs[-1].append(sent)
    return docs


def conll_check(name):
    from seqeval.metrics import classification_report, f1_score
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2

    docs = read_conll(name)
    assert len(docs) == len(DONE)
    tags = [s[1] for d in docs for s in d]
    counts = collections.Counter(e[0] for e in get_entities(tags))
    assert counts == LABEL_COUNTS, (counts, LABEL_COUNTS)
    # Strict IOB2 parsing accepts every sequence, and the file scores perfectly against itself.
    assert f1_score(tags, tags, mode="strict", scheme=IOB2) == 1.0
    classification_report(tags, tags, mode="strict", scheme=IOB2)
    # Entity tokens, joined, are the span texts (whitespace aside).
    for d, doc in zip(docs, DONE):
        toks = [t for s in d for t in s[0]]
        ts = [t for s in d for t in s[1]]
        got = sorted("".join(toks[a:b + 1]) for _, a, b in get_entities(ts))
        want = sorted("".join(doc["text"][s["start"]:s["end"]].split()) for s in doc["spans"])
        assert got == want, (got, want)
    return docs


@check
def seqeval_reads_conll():
    conll_check("fixture.conll")


@check
def seqeval_reads_conll_with_split_clitics():
    docs = conll_check("fixture.split.conll")
    toks = [t for s in docs[0] for t in s[0]]
    tags = [t for s in docs[0] for t in s[1]]
    i = toks.index("روسيا")
    assert toks[i - 1] == "ل" and tags[i - 1] == "O" and tags[i] == "B-LOC"
    assert "و" in toks, "the conjunction و is split off"


@check
def brat_standoff_offsets():
    z = zipfile.ZipFile(path("brat.zip"))
    names = set(z.namelist())
    assert "annotation.conf" in names
    n_t = n_quotes = 0
    for d in DONE:
        # newline="" keeps CRLF: brat offsets count every code point of the file.
        text = io.TextIOWrapper(z.open(d["id"] + ".txt"), encoding="utf-8", newline="").read()
        assert text == d["text"]
        ann = z.read(d["id"] + ".ann").decode("utf-8")
        ids = set()
        for line in ann.splitlines():
            fields = line.split("\t")
            if line.startswith("T"):
                assert len(fields) == 3, line
                tid, typ_offs, stated = fields
                typ, offs = typ_offs.split(" ", 1)
                frags = [tuple(map(int, f.split())) for f in offs.split(";")]
                assert " ".join(text[s:e] for s, e in frags) == stated, (line, frags)
                ids.add(tid)
                n_t += typ not in ("Quote", "Source", "Cue")
                n_quotes += typ == "Quote"
            elif line.startswith("R"):
                typ, a1, a2 = fields[1].split(" ")
                assert typ in ("Speaker", "HasCue")
                assert a1.split(":")[1] in ids and a2.split(":")[1] in ids, line
    assert n_t == N_SPANS and n_quotes == N_QUOTES


@check
def doccano_label_form():
    recs = jsonl("doccano.jsonl")
    counts = collections.Counter()
    for r in recs:
        t = TEXT[r["id"]]
        assert r["text"] == t
        for s, e, label in r["label"]:
            assert t[s:e] in [t[x["start"]:x["end"]] for x in next(d for d in DONE if d["id"] == r["id"])["spans"]]
            counts[label] += 1
    assert counts == LABEL_COUNTS


@check
def doccano_relation_form():
    recs = jsonl("doccano-rel.jsonl")
    counts = collections.Counter()
    n_rel = 0
    for r, d in zip(recs, DONE):
        t = r["text"]
        ents = {e["id"]: e for e in r["entities"]}
        for e in r["entities"]:
            assert 0 <= e["start_offset"] < e["end_offset"] <= len(t)
            counts[e["label"]] += 1
        want = sorted((s["start"], s["end"], s["label"]) for s in d["spans"])
        got = sorted((e["start_offset"], e["end_offset"], e["label"]) for e in r["entities"]
                     if e["label"] not in ("QUOTE", "SPEAKER", "CUE"))
        assert got == want
        for rel in r["relations"]:
            head, child = ents[rel["from_id"]], ents[rel["to_id"]]
            assert head["label"] == "QUOTE"
            if rel["type"] == "SPEAKER":
                n_rel += 1
                q = next(q for q in d["quotes"] if (q["start"], q["end"]) == (head["start_offset"], head["end_offset"]))
                assert (q["speaker"]["start"], q["speaker"]["end"]) == (child["start_offset"], child["end_offset"])
                assert t[child["start_offset"]:child["end_offset"]] == t[q["speaker"]["start"]:q["speaker"]["end"]]
    assert counts["QUOTE"] == N_QUOTES
    assert n_rel == sum(1 for d in DONE for q in d["quotes"] if q.get("speaker"))


@check
def label_studio_tasks():
    with open(path("label-studio.json"), encoding="utf-8") as f:
        tasks = json.load(f)
    assert len(tasks) == len(DONE)
    n_pred = n_ann = 0
    for task in tasks:
        t = task["data"]["text"]
        assert t == TEXT[task["data"]["id"]]
        for key in ("annotations", "predictions"):
            for a in task.get(key, []):
                ids = {r["id"] for r in a["result"] if r["type"] == "labels"}
                for r in a["result"]:
                    if r["type"] == "labels":
                        v = r["value"]
                        assert t[v["start"]:v["end"]] == v["text"], v
                        if key == "predictions":
                            n_pred += 1
                            if v["labels"][0] not in ("QUOTE", "SPEAKER", "CUE"):
                                assert 0 <= r["score"] <= 1
                        else:
                            n_ann += 1
                    else:
                        assert r["type"] == "relation" and r["from_id"] in ids and r["to_id"] in ids, r
    model = sum(1 for d in DONE for s in d["spans"] if s["origin"] == "model")
    assert n_pred >= model and n_ann > 0


@check
def w3c_selectors():
    n = 0
    for page in jsonl("w3c.jsonld"):
        assert page["type"] == "AnnotationPage"
        t = page["sanad:document"]["text"]
        for a in page["items"]:
            pos = next(s for s in a["target"]["selector"] if s["type"] == "TextPositionSelector")
            quote = next(s for s in a["target"]["selector"] if s["type"] == "TextQuoteSelector")
            s, e = pos["start"], pos["end"]
            assert t[s:e] == quote["exact"], (a, t[s:e])
            assert t[:s].endswith(quote["prefix"]) and t[e:].startswith(quote["suffix"])
            n += 1
    assert n == N_SPANS + N_QUOTES


@check
def quotes_table():
    lines = jsonl("quotes.jsonl")
    assert len(lines) == N_QUOTES
    for q in lines:
        t = TEXT[q["document"]]
        assert t[q["start"]:q["end"]] == q["text"]
        assert q["kind"] in ("direct", "indirect", "mixed")
        if q["speaker"]:
            assert t[q["speaker"]["start"]:q["speaker"]["end"]] == q["speaker"]["text"]
        if q["cue"]:
            assert t[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]


@check
def round_trip_through_prodigy_keeps_counts():
    with open(path("back.stats"), encoding="utf-8") as f:
        back = f.read()
    assert f": {len(DONE)} documents" in back, back
    assert f"spans: {N_SPANS}\n" in back, back
    assert f"quotes: {N_QUOTES} " in back, back


def main():
    passed = failed = 0
    for fn in CHECKS:
        try:
            fn()
        except Exception:  # noqa: BLE001 - report every failure and go on
            failed += 1
            print(f"FAIL {fn.__name__}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok   {fn.__name__}")
    print(f"consumers: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
