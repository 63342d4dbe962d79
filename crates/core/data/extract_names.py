#!/usr/bin/env python3
"""Build names-ar.tsv and wordfreq-ar.tsv (training-time lists for `sanad train`) from PyPI packages.

Usage (from a scratch directory; needs `pip install msgpack`):
    pip download --no-deps arabnamer==0.1.3 arabic-name-romanizer==0.2.0 arwikicats==0.2.3 wordfreq==3.1.1
    for w in *.whl; do unzip -q -o "$w" -d pkgs; done
    python3 extract_names.py pkgs names-ar.tsv wordfreq-ar.tsv

names-ar.tsv: `TYPE<TAB>ar<TAB>name`, sorted and deduplicated, TYPE one of
  PER   full person names: arabnamer's English->Arabic name dictionary (foreign names written in
        Arabic), the Wikidata full names of arabic-name-romanizer, and the people of arwikicats;
  NAME  single given and family names of arabic-name-romanizer (Wikidata, DziriNames, the Algerian
        Name Transcription Corpus);
  ORG   football clubs, teams and companies of arwikicats (leading "نادي"/"فريق" and a trailing
        "لكرة القدم" dropped).
wordfreq-ar.tsv: `word<TAB>bucket` for the Arabic words of wordfreq's large list with a bucket of at
  most 600 (frequency 10^-6 and above; wordfreq's centibel index, digits folded to 0).
Names in parentheses are dropped, spaces collapsed, and Persian/Urdu-only letters (پ گ ک ی ٹ چ ژ)
excluded; only entries with an Arabic letter are kept.
"""
import gzip
import json
import re
import sqlite3
import sys

AR = re.compile("[\u0621-\u064a]")
NOT_ARABIC = re.compile("[پگکیٹچژ]")


def clean(name):
    name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    return re.sub(r"\s+", " ", name)


def main():
    pkgs, names_out, freq_out = sys.argv[1], sys.argv[2], sys.argv[3]
    out = set()

    def add(kind, name):
        name = clean(name)
        if len(name) >= 2 and AR.search(name) and not NOT_ARABIC.search(name):
            out.add((kind, name))

    for v in json.load(open(f"{pkgs}/arabnamer/data/dict_FINAL.json", encoding="utf-8")).values():
        add("PER", v)
    db = sqlite3.connect(f"{pkgs}/arabic_name_romanizer/resources/names.sqlite3")
    for (a,) in db.execute("select arabic_key from full_names where source like '%ikidata%'"):
        add("PER", a)
    for (a,) in db.execute("select arabic_key from units where role in ('given', 'surname')"):
        add("NAME", a)
    jsons = f"{pkgs}/ArWikiCats/jsons"

    def values(path):
        for v in json.load(open(f"{jsons}/{path}", encoding="utf-8")).values():
            if isinstance(v, str):
                yield v
            elif isinstance(v, dict):
                yield from (x for x in v.values() if isinstance(x, str))

    for path in ("sports/Clubs_key.json", "sports/clubs_teams_leagues.json", "keys/companies_data.json"):
        for v in values(path):
            v = re.sub(r"^(نادي|فريق) ", "", v)
            add("ORG", re.sub(r" لكرة القدم$", "", v))
    for v in values("people/peoples.json"):
        add("PER", v)
    with open(names_out, "w", encoding="utf-8") as f:
        for kind, name in sorted(out):
            f.write(f"{kind}\tar\t{name}\n")

    import msgpack

    buckets = msgpack.unpackb(gzip.open(f"{pkgs}/wordfreq/data/large_ar.msgpack.gz").read(), raw=False)
    with open(freq_out, "w", encoding="utf-8") as f:
        for i, words in enumerate(buckets):
            if isinstance(words, list) and i <= 600:
                for w in words:
                    f.write(f"{w}\t{i}\n")


if __name__ == "__main__":
    main()
