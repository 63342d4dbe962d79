#!/usr/bin/env python3
"""Build crates/core/data/gazetteer-languages.tsv and gazetteer-places.tsv from the CLDR JSON npm
packages.

Usage (from a scratch directory):
    npm pack cldr-localenames-modern@45.0.0 cldr-dates-modern@45.0.0
    mkdir names dates
    tar xzf cldr-localenames-modern-45.0.0.tgz -C names
    tar xzf cldr-dates-modern-45.0.0.tgz -C dates
    python3 extract_gazetteer.py names/package dates/package LANG > gazetteer-languages.tsv
    python3 extract_gazetteer.py names/package dates/package LOC > gazetteer-places.tsv

Output: one entry per line, `TYPE<TAB>LANG<TAB>name`, sorted and deduplicated, where TYPE is
LOC (territories, regions, time-zone exemplar cities) or LANG (language names); only the TYPE given
(both, LANG first, without one).
"""
import json
import re
import sys


def clean(name):
    name = re.sub(r"\s+", " ", name).strip()
    # Drop bracketed qualifiers such as "Congo (DRC)" -> "Congo".
    name = re.sub(r"\s*[\(（][^\)）]*[\)）]", "", name).strip()
    return name


def main():
    names_dir, dates_dir = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else None
    out = set()
    for lang in ("ar", "en"):
        terr = json.load(open(f"{names_dir}/main/{lang}/territories.json", encoding="utf-8"))
        for code, name in terr["main"][lang]["localeDisplayNames"]["territories"].items():
            if code in ("ZZ", "001"):
                continue
            n = clean(name)
            if len(n) >= 2:
                out.add(("LOC", lang, n))
        langs = json.load(open(f"{names_dir}/main/{lang}/languages.json", encoding="utf-8"))
        for code, name in langs["main"][lang]["localeDisplayNames"]["languages"].items():
            if "-" in code or "alt" in code:
                continue
            n = clean(name)
            if len(n) >= 3:
                out.add(("LANG", lang, n))
        tz = json.load(open(f"{dates_dir}/main/{lang}/timeZoneNames.json", encoding="utf-8"))

        def walk(o):
            for v in o.values():
                if isinstance(v, dict):
                    if "exemplarCity" in v:
                        n = clean(v["exemplarCity"])
                        if len(n) >= 2:
                            out.add(("LOC", lang, n))
                    walk(v)

        walk(tz["main"][lang]["dates"]["timeZoneNames"]["zone"])
    for t, l, n in sorted(out):
        if only is None or t == only:
            print(f"{t}\t{l}\t{n}")


if __name__ == "__main__":
    main()
