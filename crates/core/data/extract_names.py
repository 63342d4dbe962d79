#!/usr/bin/env python3
"""Build names-{ar,en}.tsv and wordfreq-{ar,en}.tsv (training-time lists for `sanad train`) from
PyPI packages.

Usage (from a scratch directory; needs `pip install msgpack`):
    pip download --no-deps arabnamer==0.1.3 arabic-name-romanizer==0.2.0 arwikicats==0.2.3 wordfreq==3.1.1
    for w in *.whl; do unzip -q -o "$w" -d pkgs; done
    python3 extract_names.py pkgs OUTDIR

names-ar.tsv: `TYPE<TAB>ar<TAB>name`, sorted and deduplicated, TYPE one of
  PER   full person names: arabnamer's English->Arabic name dictionary (foreign names written in
        Arabic), the Wikidata full names of arabic-name-romanizer, and the people of arwikicats;
  NAME  single given and family names of arabic-name-romanizer (Wikidata, DziriNames, the Algerian
        Name Transcription Corpus);
  ORG   football clubs, teams and companies of arwikicats (leading "نادي"/"فريق" and a trailing
        "لكرة القدم" dropped).
names-en.tsv: `TYPE<TAB>en<TAB>name` from the English sides of the same sources:
  NAME  the English (romanised) names of arabnamer's dictionary;
  PER   the people of arwikicats;
  ORG   the clubs, teams and companies of arwikicats.
wordfreq-{ar,en}.tsv: `word<TAB>bucket` for the words of wordfreq's large Arabic and English lists
  with a bucket of at most 600 (frequency 10^-6 and above; wordfreq's centibel index, digits
  folded to 0).
Qualifiers in parentheses are dropped and spaces collapsed. Arabic entries need an Arabic letter and
no Persian/Urdu-only letter (پ گ ک ی ٹ چ ژ); English entries need a Latin letter and no Arabic one.
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


def values(path, keys=False):
    for k, v in json.load(open(path, encoding="utf-8")).items():
        if keys:
            yield k
        elif isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            yield from (x for x in v.values() if isinstance(x, str))


def write_freq(pkgs, lang, path):
    import msgpack

    data = gzip.open(f"{pkgs}/wordfreq/data/large_{lang}.msgpack.gz").read()
    buckets = msgpack.unpackb(data, raw=False)
    with open(path, "w", encoding="utf-8") as f:
        for i, words in enumerate(buckets):
            if isinstance(words, list) and i <= 600:
                for w in words:
                    f.write(f"{w}\t{i}\n")


def main():
    pkgs, outdir = sys.argv[1], sys.argv[2]
    jsons = f"{pkgs}/ArWikiCats/jsons"
    groups = ("sports/Clubs_key.json", "sports/clubs_teams_leagues.json", "keys/companies_data.json")
    ar, en = set(), set()

    def add_ar(kind, name):
        name = clean(name)
        if len(name) >= 2 and AR.search(name) and not NOT_ARABIC.search(name):
            ar.add((kind, name))

    def add_en(kind, name):
        name = clean(name)
        if len(name) >= 2 and re.search("[A-Za-z]", name) and not re.search("[\u0600-\u06ff]", name):
            en.add((kind, name))

    for k, v in json.load(open(f"{pkgs}/arabnamer/data/dict_FINAL.json", encoding="utf-8")).items():
        add_ar("PER", v)
        add_en("NAME", k)
    db = sqlite3.connect(f"{pkgs}/arabic_name_romanizer/resources/names.sqlite3")
    for (a,) in db.execute("select arabic_key from full_names where source like '%ikidata%'"):
        add_ar("PER", a)
    for (a,) in db.execute("select arabic_key from units where role in ('given', 'surname')"):
        add_ar("NAME", a)
    for path in groups:
        for v in values(f"{jsons}/{path}"):
            v = re.sub(r"^(نادي|فريق) ", "", v)
            add_ar("ORG", re.sub(r" لكرة القدم$", "", v))
        for k in values(f"{jsons}/{path}", keys=True):
            add_en("ORG", k)
    for v in values(f"{jsons}/people/peoples.json"):
        add_ar("PER", v)
    for k in values(f"{jsons}/people/peoples.json", keys=True):
        add_en("PER", k)
    for lang, entries in (("ar", ar), ("en", en)):
        with open(f"{outdir}/names-{lang}.tsv", "w", encoding="utf-8") as f:
            for kind, name in sorted(entries):
                f.write(f"{kind}\t{lang}\t{name}\n")
        write_freq(pkgs, lang, f"{outdir}/wordfreq-{lang}.tsv")


if __name__ == "__main__":
    main()
