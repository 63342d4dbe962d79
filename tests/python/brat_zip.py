"""The page's brat zips against Python's zipfile, both ways (run by tests/e2e/formats.spec.ts).

The page writes and reads zip archives with its own code (`sanad_core::formats::zip`: stored
entries out; stored or deflated entries in, inflated by the browser). These two commands put it
against someone else's zip code, with the standard library only (no venv needed):

    python3 tests/python/brat_zip.py write OUT.zip deflated|stored|streamed
        Writes a brat collection as another tool would: an Arabic and an English article in a
        folder with a non-ASCII name, their .ann files, annotation.conf, a folder entry.
        `streamed` is deflated and written to an unseekable stream, so every entry has a data
        descriptor (flag bit 3) and its local header has no sizes, as zips made by streaming
        tools do. Prints, as JSON, what a reader must find: {stem: {"text", "spans", "quotes"}},
        offsets in code points.

    python3 tests/python/brat_zip.py check ZIP PROJECT_JSON
        Reads a brat zip the page exported (ZIP: the download; PROJECT_JSON: the project whose
        documents marked done were exported) with zipfile: testzip(), the names, every entry's
        CRC and sizes, the .txt and .ann contents against the project. Prints one line per check
        and `brat zip: N passed, M failed`; exits non-zero on any failure.
"""

import collections
import io
import json
import os
import sys
import tempfile
import traceback
import zipfile

AR = "قال وزير الخارجية سيرغي لافروف 👍 إن موسكو مستعدة، وأضاف: «سنرد بحزم». وقالت لروسيا اليوم إن الاجتماع انتهى."
EN = "Lavrov 🙂 told Reuters in Genève that talks would resume on Monday.\r\nThe ministry declined to comment."
FOLDER = "أخبار/"


def at(text, sub):
    i = text.index(sub)
    return i, i + len(sub)


def collection():
    """{stem: (text, [(label, start, end)], [(quote start, end, speaker index)])}."""
    ar_spans = [("PER", *at(AR, "سيرغي لافروف")), ("LOC", *at(AR, "موسكو")), ("ORG", *at(AR, "روسيا اليوم"))]
    ar_quotes = [(*at(AR, "«سنرد بحزم»"), 0)]
    en_spans = [("PER", *at(EN, "Lavrov")), ("ORG", *at(EN, "Reuters")), ("LOC", *at(EN, "Genève")), ("DATE", *at(EN, "Monday"))]
    return {"ar-wire": (AR, ar_spans, ar_quotes), "en-wire": (EN, en_spans, [])}


def ann_of(text, spans, quotes):
    lines = [f"T{i + 1}\t{label} {s} {e}\t{text[s:e]}" for i, (label, s, e) in enumerate(spans)]
    for k, (s, e, speaker) in enumerate(quotes):
        t = len(spans) + k + 1
        lines.append(f"T{t}\tQuote {s} {e}\t{text[s:e]}")
        lines.append(f"R{k + 1}\tSpeaker Arg1:T{t} Arg2:T{speaker + 1}")
        lines.append(f"A{k + 1}\tKind T{t} direct")
    return "\n".join(lines) + "\n"


class Unseekable(io.RawIOBase):
    """A write-only stream that cannot seek or tell, like a pipe."""

    def __init__(self, f):
        self.f = f

    def writable(self):
        return True

    def write(self, b):
        return self.f.write(b)


def write(out, method):
    compression = zipfile.ZIP_STORED if method == "stored" else zipfile.ZIP_DEFLATED
    conf = "[entities]\nPER\nORG\nLOC\nDATE\nQuote\n\n[relations]\nSpeaker\tArg1:Quote, Arg2:PER\n\n[events]\n\n[attributes]\nKind\tArg:Quote, Value:direct|indirect|mixed\n"
    expected = {}
    with open(out, "wb") as raw:
        target = Unseekable(raw) if method == "streamed" else raw
        with zipfile.ZipFile(target, "w", compression=compression) as z:
            if method != "streamed":
                z.writestr(FOLDER, b"")  # a folder entry, as `zip -r` writes one
            z.writestr(FOLDER + "annotation.conf", conf)
            for stem, (text, spans, quotes) in collection().items():
                z.writestr(f"{FOLDER}{stem}.txt", text.encode("utf-8"))
                z.writestr(f"{FOLDER}{stem}.ann", ann_of(text, spans, quotes).encode("utf-8"))
                expected[stem] = {
                    "text": text,
                    "spans": [{"label": label, "start": s, "end": e, "text": text[s:e]} for label, s, e in spans],
                    "quotes": [{"start": s, "end": e, "text": text[s:e], "speaker": text[spans[i][1]:spans[i][2]]} for s, e, i in quotes],
                }
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        infos = [i for i in z.infolist() if not i.is_dir()]
        assert all(i.compress_type == compression for i in infos), [(i.filename, i.compress_type) for i in infos]
        assert all(bool(i.flag_bits & 0x08) == (method == "streamed") for i in infos), "data descriptors"
        assert all(i.flag_bits & 0x800 for i in infos), "names flagged as UTF-8"
    json.dump(expected, sys.stdout, ensure_ascii=False)
    print()


def check(path, project_path):
    with open(project_path, encoding="utf-8") as f:
        done = [d for d in json.load(f)["documents"] if d["status"] == "done"]
    results = []

    def run(name, fn):
        try:
            fn()
        except Exception:  # noqa: BLE001 - report every failure and go on
            results.append(False)
            print(f"FAIL {name}")
            traceback.print_exc()
        else:
            results.append(True)
            print(f"ok   {name}")

    z = zipfile.ZipFile(path)

    def archive():
        assert zipfile.is_zipfile(path)
        assert z.testzip() is None, "testzip: every entry's CRC-32 matches"
        for i in z.infolist():
            assert i.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED), i
            assert i.flag_bits & 0x01 == 0, f"{i.filename}: encrypted"
            data = z.read(i)  # zipfile checks the CRC-32 and the size while reading
            assert len(data) == i.file_size, i
            assert not i.filename.startswith("/") and ".." not in i.filename.split("/"), i.filename

    def names():
        ns = z.namelist()
        assert len(ns) == len(set(ns)), "no name twice"
        assert "annotation.conf" in ns, ns
        txts = sorted(n for n in ns if n.endswith(".txt"))
        anns = sorted(n for n in ns if n.endswith(".ann"))
        assert len(txts) == len(done), (txts, len(done))
        assert [n[:-4] for n in txts] == [n[:-4] for n in anns], (txts, anns)
        assert sorted(ns) == sorted(txts + anns + ["annotation.conf"]), ns

    def contents():
        # As a brat user would: extract, then read the files (newline="" keeps CRLF, which brat's
        # offsets count).
        with tempfile.TemporaryDirectory() as tmp:
            z.extractall(tmp)
            by_text = {}
            for n in z.namelist():
                if n.endswith(".txt"):
                    with open(os.path.join(tmp, n), encoding="utf-8", newline="") as f:
                        by_text[f.read()] = n[:-4]
            with open(os.path.join(tmp, "annotation.conf"), encoding="utf-8") as f:
                conf = f.read()
            assert "[entities]" in conf and "[relations]" in conf, conf
            for d in done:
                assert d["text"] in by_text, f"no .txt holds the text of {d['id']}"
                stem = by_text[d["text"]]
                text = d["text"]
                with open(os.path.join(tmp, stem + ".ann"), encoding="utf-8", newline="") as f:
                    ann = f.read()
                ts, ents, quotes, speakers, model = {}, collections.Counter(), collections.Counter(), 0, set()
                for line in ann.splitlines():
                    fields = line.split("\t")
                    if line.startswith("T"):
                        tid, typ_offs, stated = fields
                        typ, offs = typ_offs.split(" ", 1)
                        frags = [tuple(map(int, f.split())) for f in offs.split(";")]
                        assert " ".join(text[s:e] for s, e in frags) == stated, (line, frags)
                        ts[tid] = (typ, frags[0][0], frags[-1][1])
                    elif line.startswith("R"):
                        typ, a1, a2 = fields[1].split(" ")
                        assert a1.split(":")[1] in ts and a2.split(":")[1] in ts, line
                        speakers += typ == "Speaker"
                    elif line.startswith("#"):
                        target = fields[1].split(" ")[1]
                        if "origin=model" in fields[2].split(" "):
                            model.add(target)
                extra_ok = True
                for tid, (typ, s, e) in ts.items():
                    if typ == "Quote":
                        quotes[(s, e)] += 1
                    elif typ not in ("Source", "Cue"):
                        ents[(typ, s, e)] += 1
                want_ents = collections.Counter((x["label"].replace(" ", "_"), x["start"], x["end"]) for x in d["spans"])
                want_quotes = collections.Counter((q["start"], q["end"]) for q in d.get("quotes", []))
                # Every span and quote of the project is there; anything more is the tagger's
                # suggestion for the article (the page tags what it imports), marked origin=model.
                assert not want_ents - ents, (d["id"], "missing spans", want_ents - ents)
                assert not want_quotes - quotes, (d["id"], "missing quotes", want_quotes - quotes)
                extra = (ents - want_ents) + collections.Counter(("Quote", s, e) for s, e in (quotes - want_quotes).elements())
                for typ, s, e in extra.elements():
                    tids = [t for t, v in ts.items() if v == (typ, s, e)]
                    extra_ok &= any(t in model for t in tids)
                assert extra_ok, (d["id"], "spans not in the project and not suggestions", extra)
                assert speakers >= sum(1 for q in d.get("quotes", []) if q.get("speaker")), d["id"]

    run("zipfile_reads_every_entry", archive)
    run("names_one_txt_and_ann_per_done_article", names)
    run("txt_and_ann_contents_match_the_project", contents)
    passed = sum(results)
    print(f"brat zip: {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if all(results) else 1)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "write" and sys.argv[3] in ("deflated", "stored", "streamed"):
        write(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
