#!/usr/bin/env python3
"""Who calls a function, from `wasm-dis` text of the pre-wasm-opt module (names kept):
callers.py FILE.wat PATTERN [DEPTH]. Direct calls only (calls through tables and vtables are not
followed: a function reached only that way shows no caller)."""
import re, subprocess, sys
from collections import defaultdict

wat, pat = sys.argv[1], sys.argv[2]
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 2
callers = defaultdict(set)
cur = None
for line in open(wat, encoding='utf-8', errors='replace'):
    if line.startswith(' (func '):
        cur = line.split()[1]
    elif cur and 'call $' in line:
        m = re.search(r'call \$(\S+)', line)
        if m:
            callers[m.group(1).rstrip(')')].add(cur)


def dem(n):
    return subprocess.run(['llvm-cxxfilt'], input=n.lstrip('$'), capture_output=True, text=True).stdout.strip()[:150]


def show(name, d, seen):
    for c in sorted(callers.get(name, ())):
        print('  ' * (depth - d + 1) + '<- ' + dem(c))
        if d > 1 and c not in seen:
            seen.add(c)
            show(c, d - 1, seen)


targets = sorted({n for n in callers if re.search(pat, n)} | set())
for t in targets[:10]:
    print(dem(t))
    show(t, depth, set())
