"""Sanad's English tagger and spaCy's en_core_web_sm, side by side on the same text.

The text is a CoNLL file's sentences (tokens joined by single spaces, one sentence per line);
gold entities come from its IOB2 tags. Both systems tag the whole text; their PER/LOC/ORG
entities are scored by exact code point span and label. spaCy labels are mapped PERSON->PER,
GPE/LOC/FAC->LOC, ORG->ORG (others dropped). Sanad runs as `sanad annotate` (native, release).

    python3 -m venv .venv && .venv/bin/pip install -r tests/python/requirements-eval.txt
    .venv/bin/python tests/python/spacy_compare.py ../shared/data/ner/en-dev.conll
"""
import json
import subprocess
import sys
import time

MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
LABELS = ("PER", "LOC", "ORG")


def read_conll(path):
    text, gold, tokens, cur = [], [], 0, None
    pos = 0
    with open(path, encoding="utf-8") as f:
        blocks = [b for b in f.read().split("\n\n") if b.strip()]
    for b in blocks:
        rows = [line.split("\t") for line in b.split("\n") if line.strip()]
        for i, (tok, tag) in enumerate(rows):
            if i:
                text.append(" ")
                pos += 1
            start = pos
            text.append(tok)
            pos += len(tok)
            tokens += 1
            if tag.startswith("B-"):
                cur = [start, pos, tag[2:]]
                gold.append(cur)
            elif tag.startswith("I-") and cur:
                cur[1] = pos
            else:
                cur = None
        text.append("\n")
        pos += 1
        cur = None
    return "".join(text), [tuple(g) for g in gold], tokens


def score(gold, pred):
    g = {x for x in gold if x[2] in LABELS}
    p = {x for x in pred if x[2] in LABELS}
    tp = len(g & p)
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    per_label = {}
    for lab in LABELS:
        gl = {x for x in g if x[2] == lab}
        pl = {x for x in p if x[2] == lab}
        t = len(gl & pl)
        pr = t / len(pl) if pl else 0.0
        rc = t / len(gl) if gl else 0.0
        per_label[lab] = round(2 * pr * rc / (pr + rc) * 100, 1) if pr + rc else 0.0
    return {"p": round(prec * 100, 1), "r": round(rec * 100, 1), "f1": round(f1 * 100, 1), "per_label": per_label}


def run_spacy(text):
    import spacy

    nlp = spacy.load("en_core_web_sm")
    nlp(text[:1000])  # warm up
    t0 = time.perf_counter()
    doc = nlp(text)
    dt = time.perf_counter() - t0
    ents = [(e.start_char, e.end_char, MAP[e.label_]) for e in doc.ents if e.label_ in MAP]
    return ents, dt, spacy.__version__


def run_sanad(text, sanad):
    line = json.dumps({"id": "eval", "text": text}, ensure_ascii=False) + "\n"
    t0 = time.perf_counter()
    out = subprocess.run(sanad + ["annotate"], input=line.encode(), capture_output=True, check=True)
    dt = time.perf_counter() - t0
    rec = json.loads(out.stdout.decode().splitlines()[0])
    return [(s["start"], s["end"], s["label"]) for s in rec["spans"]], dt


def main():
    path = sys.argv[1]
    sanad = sys.argv[2:] or ["cargo", "run", "-q", "--profile", "release-native", "-p", "sanad-cli", "--"]
    text, gold, tokens = read_conll(path)
    s_ents, s_dt, version = run_spacy(text)
    n_ents, n_dt = run_sanad(text, sanad)
    print(f"text: {path}: {tokens} tokens, {len(gold)} gold entities")
    print(f"spaCy {version} en_core_web_sm: {json.dumps(score(gold, s_ents))}, {tokens / s_dt:,.0f} tokens/s (tagging only)")
    print(f"Sanad (sanad annotate, whole process): {json.dumps(score(gold, n_ents))}, {tokens / n_dt:,.0f} tokens/s incl. start-up")


if __name__ == "__main__":
    main()
