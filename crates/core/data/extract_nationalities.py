#!/usr/bin/env python3
"""Build nationalities-{en,ar}.tsv (training-time lists for `sanad train --gazetteer`): nationality,
ethnic and regional adjectives and the nouns for their people, as gazetteer kind NAT. In English news
(CoNLL conventions) these are MISC ("Afghan", "Palestinians"); the tagger learns from the training
data what to make of the feature.

Usage (from a scratch directory; the same package as extract_names.py):
    pip download --no-deps arwikicats==0.2.3
    for w in *.whl; do unzip -q -o "$w" -d pkgs; done
    python3 extract_nationalities.py pkgs OUTDIR

Source: arwikicats 0.2.3 (MIT; labels from Arabic Wikipedia, CC BY-SA), `jsons/nationalities/`:
  nationalities_data.json, nationalities_data_with_directions.json, sub_nats.json,
  sub_nats_with_ar_or_en.json, continents.json (keys: English adjectives, lower case, and an
  `en_nat` field where the key is a country) and all_nat_as_en.json (only its `en_nat` fields: its
  keys are country names). Arabic: the `male`, `males`, `female`, `females`, `the_male` and
  `the_female` values of the same entries.
English: keys of three or more hyphenated parts ("people-of-the-ottoman-empire") are left out, and
so is anything but lower-case letters, spaces, hyphens, dots and apostrophes; each adjective also
gets its plural noun ("afghan" -> "afghans", "iraqi" -> "iraqis") unless it ends in -ese, -ish,
-ch, -sh, -ss, -x, -s or -z (no plural in use: "the Chinese", "the British", "the Swiss").
Entries are lower case: the tagger matches normalised keys, which are lower case.
"""
import json
import re
import sys

FILES = (
    "nationalities_data.json",
    "nationalities_data_with_directions.json",
    "sub_nats.json",
    "sub_nats_with_ar_or_en.json",
    "continents.json",
)
AR_FORMS = ("male", "males", "female", "females", "the_male", "the_female")
AR = re.compile("[\u0621-\u064a]")


def plural(adj):
    if re.search(r"(ese|ish|ch|sh|ss|x|s|z)$", adj):
        return None
    return adj + "s"


def main():
    pkgs, outdir = sys.argv[1], sys.argv[2]
    base = f"{pkgs}/ArWikiCats/jsons/nationalities"
    en, ar = set(), set()

    def add_en(name):
        name = name.strip().lower()
        if "-" in name and not re.search(r"\d", name):
            parts = name.split("-")
            if len(parts) > 2:
                return  # "people-of-the-ottoman-empire", "federated states-of micronesia"
        if not re.fullmatch(r"[a-z' .-]+", name) or len(name) < 3:
            return
        en.add(name)
        p = plural(name)
        if p:
            en.add(p)

    for f in FILES + ("all_nat_as_en.json",):
        for k, v in json.load(open(f"{base}/{f}", encoding="utf-8")).items():
            if f != "all_nat_as_en.json":
                add_en(k)
            if isinstance(v, dict):
                if isinstance(v.get("en_nat"), str):
                    add_en(v["en_nat"])
                for form in AR_FORMS:
                    a = v.get(form)
                    if isinstance(a, str) and AR.search(a) and len(a) >= 2:
                        ar.add(a.strip())
    for lang, entries in (("en", en), ("ar", ar)):
        with open(f"{outdir}/nationalities-{lang}.tsv", "w", encoding="utf-8") as out:
            for name in sorted(entries):
                out.write(f"NAT\t{lang}\t{name}\n")
        print(f"nationalities-{lang}.tsv: {len(entries)} entries")


if __name__ == "__main__":
    main()
