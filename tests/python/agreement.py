"""Checks `sanad agree` against reference implementations (run by tests/python/run.sh).

Usage: agreement.py OUT_DIR

On the fixture annotators in tests/fixtures/agreement (alice: JSONL as `sanad annotate` writes
it, with authors; bob: a project JSON; carol: JSONL without authors, named after the file; English
and Arabic articles; disagreements of labels, boundaries, clitics, missing and extra spans, quote
ranges, speakers and kinds; a document one annotator lacks, one under another id, one id over
another text), runs `sanad agree --json --items` for two and for three annotators and compares,
to 1e-9, on the very token items Sanad used:

- Cohen's kappa per pair, overall and per label, with scikit-learn's `cohen_kappa_score`;
- Fleiss' kappa for the group, overall and per label, with statsmodels' `fleiss_kappa` over
  `aggregate_raters` (the tokens of the documents every annotator has);
- Krippendorff's nominal alpha per pair and for the group, overall and per label, with the
  `krippendorff` package (missing ratings as NaN);
- exact span P/R/F1 per pair, recounted here from the files.

A measure Sanad reports undefined must be undefined (NaN or refused) in the reference too.
Prints one line per check and `agreement: N passed, M failed`.
"""

import json
import math
import os
import subprocess
import sys
import traceback
import warnings

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

OUT = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures", "agreement")
TOL = 1e-9

warnings.simplefilter("ignore")


def sanad(*args):
    r = subprocess.run(
        ["cargo", "run", "-q", "-p", "sanad-cli", "--", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise RuntimeError(f"sanad {' '.join(args)} failed:\n{r.stderr}")
    return r.stdout


def run_agree(name, files):
    items = os.path.join(OUT, f"{name}.items.json")
    report = json.loads(sanad("agree", "--json", "--items", items, *[os.path.join(FIX, f) for f in files]))
    with open(items, encoding="utf-8") as f:
        return report, json.load(f)


def value(score):
    """A Sanad score: a number, or None when undefined."""
    return None if isinstance(score, dict) else score


def same(ours, theirs, what):
    ours = value(ours)
    undefined = theirs is None or (isinstance(theirs, float) and math.isnan(theirs))
    if ours is None:
        assert undefined, f"{what}: Sanad says undefined, the reference says {theirs}"
        return
    assert not undefined, f"{what}: Sanad says {ours}, the reference says undefined"
    assert abs(ours - theirs) <= TOL, f"{what}: Sanad {ours!r}, reference {theirs!r}"


def codes(column):
    """Category strings (or None) to integer codes (or NaN), one domain per call."""
    domain = sorted({x for x in column if x is not None})
    index = {x: i for i, x in enumerate(domain)}
    return [np.nan if x is None else float(index[x]) for x in column]


def ref_alpha(rows):
    """Nominal alpha of raters × items (None: missing); None where the package refuses."""
    flat = [x for r in rows for x in r]
    coded = codes(flat)
    n = len(rows[0])
    data = np.array([coded[i * n : (i + 1) * n] for i in range(len(rows))], dtype=float)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    if not pairable.any():
        return None
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # one value in the domain: alpha is 0/0
        return None


def ref_fleiss(rows):
    """Fleiss' kappa of raters × items, over the items every rater rated."""
    complete = [i for i in range(len(rows[0])) if all(r[i] is not None for r in rows)]
    if not complete:
        return None, 0
    flat = [r[i] for r in rows for i in complete]
    coded = codes(flat)
    k = len(complete)
    data = np.array([coded[j * k : (j + 1) * k] for j in range(len(rows))], dtype=int).T
    table, _ = aggregate_raters(data)
    return float(fleiss_kappa(table, method="fleiss")), k


def ref_cohen(x, y):
    both = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    if not both:
        return None, 0
    # One category throughout: kappa is 0/0, and scikit-learn returns NaN (with a warning).
    return float(cohen_kappa_score([p[0] for p in both], [p[1] for p in both])), len(both)


def columns(items, label=None):
    """Per annotator, the tags of every item (label: that label's B/I/O tags)."""
    names = items["annotators"]
    if label is None:
        return [[it["tags"][a] for it in items["items"]] for a in range(len(names))]
    k = items["labels"].index(label)
    return [[it["by_label"][k][a] for it in items["items"]] for a in range(len(names))]


def check_coding(report, items):
    names = report["annotators"]
    assert items["annotators"] == names
    n_checked = 0
    for label in [None, *report["labels"]]:
        cols = columns(items, label)
        for pair in report["pairs"]:
            a, b = names.index(pair["a"]), names.index(pair["b"])
            m = pair["overall"] if label is None else next(x for x in pair["labels"] if x["label"] == label)
            kappa, n = ref_cohen(cols[a], cols[b])
            assert m["cohen"]["items"] == n, (label, pair["a"], pair["b"], m["cohen"]["items"], n)
            same(m["cohen"]["kappa"], kappa, f"Cohen {pair['a']}/{pair['b']} {label or 'overall'}")
            same(m["alpha_nominal"]["alpha"], ref_alpha([cols[a], cols[b]]), f"alpha {pair['a']}/{pair['b']} {label}")
            n_checked += 2
        g = report["group"]["overall"] if label is None else next(
            x for x in report["group"]["labels"] if x["label"] == label
        )
        fk, n = ref_fleiss(cols)
        assert g["fleiss"]["items"] == n, (label, g["fleiss"]["items"], n)
        same(g["fleiss"]["kappa"], fk, f"Fleiss {label or 'overall'}")
        same(g["alpha_nominal"]["alpha"], ref_alpha(cols), f"group alpha {label or 'overall'}")
        n_checked += 2
    return n_checked


def read_layer(path):
    """{text: [(start, end, label), ...]} of one annotator's file (JSONL or project JSON)."""
    with open(path, encoding="utf-8") as f:
        if path.endswith(".jsonl"):
            docs = [json.loads(line) for line in f if line.strip()]
        else:
            docs = json.load(f)["documents"]
    out = {}
    for d in docs:
        for s in d["spans"]:
            assert d["text"][s["start"] : s["end"]] == s.get("text", d["text"][s["start"] : s["end"]])
        out[d["text"]] = sorted((s["start"], s["end"], s["label"]) for s in d["spans"])
    return out


def check_exact_f1(report, files):
    layers = {name: read_layer(os.path.join(FIX, f)) for name, f in zip(report["annotators"], files)}
    for pair in report["pairs"]:
        a, b = layers[pair["a"]], layers[pair["b"]]
        matched = ref = comp = 0
        for text in a.keys() & b.keys():
            x, y = list(a[text]), list(b[text])
            ref += len(x)
            comp += len(y)
            for s in y:
                if s in x:
                    x.remove(s)
                    matched += 1
        e = pair["overall"]["exact"]
        assert (e["matched"], e["reference"], e["compared"]) == (matched, ref, comp), (pair["a"], pair["b"], e)
        same(e["f1"], 2 * matched / (ref + comp) if ref + comp else None, f"F1 {pair['a']}/{pair['b']}")
        same(e["precision"], matched / comp if comp else None, "precision")
        same(e["recall"], matched / ref if ref else None, "recall")


CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


THREE = ["alice.jsonl", "bob.json", "carol.jsonl"]
TWO = ["alice.jsonl", "bob.json"]


@check
def three_annotators_coding_measures():
    report, items = run_agree("three", THREE)
    assert report["annotators"] == ["alice", "bob", "carol"], report["annotators"]
    assert report["documents_total"] == 5 and report["documents_shared"] == 3
    assert any(x["label"] == "DATE" for x in report["group"]["labels"])
    n = check_coding(report, items)
    assert n >= 30, n


@check
def two_annotators_coding_measures():
    report, items = run_agree("two", TWO)
    assert report["annotators"] == ["alice", "bob"]
    check_coding(report, items)
    # Two raters: Fleiss' kappa covers the same tokens as Cohen's.
    assert report["group"]["overall"]["fleiss"]["items"] == report["pairs"][0]["overall"]["cohen"]["items"]


@check
def exact_span_f1_recounted():
    for files in (THREE, TWO):
        report, _ = run_agree("f1", files)
        check_exact_f1(report, files)


@check
def arabic_tokens_are_items():
    _, items = run_agree("three", THREE)
    arabic = [it for it in items["items"] if it["document"].startswith("ar")]
    assert len(arabic) > 20, len(arabic)
    # Bob marks لافروف alone where alice and carol mark سيرغي لافروف: the first name's token differs.
    tags = {tuple(it["tags"]) for it in arabic}
    assert ("B-PER", "O", "B-PER") in tags, sorted(tags)


def main():
    passed = failed = 0
    for fn in CHECKS:
        try:
            fn()
            print(f"ok   {fn.__name__}")
            passed += 1
        except Exception:  # noqa: BLE001 - every failure is reported, then counted
            print(f"FAIL {fn.__name__}")
            traceback.print_exc()
            failed += 1
    print(f"agreement: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
