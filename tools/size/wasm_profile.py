#!/usr/bin/env python3
"""Code size of a wasm module by function, crate and module prefix, from its `name` section.

Usage: wasm_profile.py FILE.wasm [--top N] [--depth D] [--json OUT]
       wasm_profile.py --diff OLD.json NEW.json [--top N]

Read the pre-wasm-opt module (target/wasm32-unknown-unknown/release/sanad-web.wasm keeps the
names; wasm-opt and wasm-bindgen change code afterwards, so figures are before optimisation, raw
bytes, and only show where code comes from). Standard library only.
"""
import json, re, sys, zlib
from collections import defaultdict


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i


def sections(b):
    assert b[:4] == b'\0asm'
    i = 8
    while i < len(b):
        sid = b[i]; i += 1
        n, i = leb(b, i)
        yield sid, b[i:i + n]
        i += n


def parse(path):
    b = open(path, 'rb').read()
    n_imported = 0
    bodies = []
    names = {}
    data = 0
    for sid, s in sections(b):
        if sid == 2:  # imports
            cnt, i = leb(s, 0)
            for _ in range(cnt):
                for _ in range(2):
                    l, i = leb(s, i); i += l
                kind = s[i]; i += 1
                if kind == 0:
                    _, i = leb(s, i); n_imported += 1
                elif kind == 1:
                    i += 1; fl, i = leb(s, i); _, i = leb(s, i)
                    if fl & 1: _, i = leb(s, i)
                elif kind == 2:
                    fl, i = leb(s, i); _, i = leb(s, i)
                    if fl & 1: _, i = leb(s, i)
                elif kind == 3:
                    i += 2
                else:
                    raise ValueError(kind)
        elif sid == 10:
            cnt, i = leb(s, 0)
            for _ in range(cnt):
                sz, j = leb(s, i)
                bodies.append((j - i) + sz)
                i = j + sz
        elif sid == 11:
            data = len(s)
        elif sid == 0:
            l, i = leb(s, 0)
            nm = s[i:i + l].decode(); i += l
            if nm != 'name':
                continue
            while i < len(s):
                sub = s[i]; i += 1
                sz, i = leb(s, i)
                end = i + sz
                if sub == 1:
                    cnt, j = leb(s, i)
                    for _ in range(cnt):
                        idx, j = leb(s, j)
                        l, j = leb(s, j)
                        names[idx] = s[j:j + l].decode('utf-8', 'replace'); j += l
                i = end
    raw = [names.get(n_imported + k, f'func{n_imported + k}') for k in range(len(bodies))]
    dem = cxxfilt(raw)
    funcs = [(dem[k], size) for k, size in enumerate(bodies)]
    return funcs, data, len(b)


def cxxfilt(raw):
    """Demangles with llvm-cxxfilt (legacy and v0 Rust symbols) when it is there, else roughly."""
    import shutil, subprocess
    tool = shutil.which('llvm-cxxfilt')
    if tool:
        out = subprocess.run([tool], input='\n'.join(n.replace('\n', ' ') for n in raw), capture_output=True,
                             text=True).stdout.split('\n')
        if len(out) >= len(raw):
            return [unescape(re.sub(r'::h[0-9a-f]{16}$', '', o)) for o in out[:len(raw)]]
    return [demangle(n) for n in raw]


def demangle_v0(s):
    """Rough v0 (`_R...`) demangling: the identifiers in order, the first crate first."""
    m = re.search(r'C[sN]?[0-9A-Za-z]*?_(\d+)([A-Za-z_][A-Za-z0-9_]*)', s)
    if not m:
        return s
    idents = []
    rest = s[m.start():]
    for mm in re.finditer(r'(?<![0-9])(\d+)([A-Za-z_][A-Za-z0-9_]*)', rest):
        n = int(mm.group(1)); w = mm.group(2)[:n]
        if len(w) == n and not re.match(r'^[0-9a-z]{0,3}$', w) or w in ('std', 'core', 'alloc'):
            idents.append(w)
    return '::'.join(idents) if idents else s


def demangle(s):
    if s.startswith('_R'):
        return demangle_v0(s)
    s = re.sub(r'^_<', '<', s)
    # Legacy Rust mangling: _ZN<len><ident>...17h<hash>E
    m = re.match(r'^_ZN(.*)E$', s)
    if not m:
        return re.sub(r'::h[0-9a-f]{16}$', '', s)
    rest, parts = m.group(1), []
    while rest and rest[0].isdigit():
        d = re.match(r'^(\d+)', rest).group(1)
        n = int(d)
        parts.append(rest[len(d):len(d) + n]); rest = rest[len(d) + n:]
    if parts and re.match(r'^h[0-9a-f]{16}$', parts[-1]):
        parts.pop()
    return unescape('::'.join(parts))


def unescape(out):
    """The legacy mangling's escapes ($LT$ ...), which lld's names section keeps."""
    if '$' not in out and '..' not in out:
        return out
    for a, b_ in [('$LT$', '<'), ('$GT$', '>'), ('$u20$', ' '), ('$RF$', '&'), ('$BP$', '*'), ('$C$', ','),
                  ('$u7b$', '{'), ('$u7d$', '}'), ('$u5b$', '['), ('$u5d$', ']'), ('$u27$', "'"), ('$u3b$', ';'),
                  ('$u22$', '"'), ('..', '::'), ('$SP$', '@'), ('$LP$', '('), ('$RP$', ')')]:
        out = out.replace(a, b_)
    return re.sub(r'(^|::)_(?=[<{])', r'\1', out)


def crate_of(name):
    n = name.lstrip('<&* ').replace('mut ', '').replace('dyn ', '')
    m = re.match(r'([A-Za-z_][A-Za-z0-9_]*)', n)
    c = m.group(1) if m else name
    if '::' not in n.split('<')[0] and c not in ('core', 'alloc', 'std'):
        return '(no path) ' + c if not name.startswith('func') else '(unnamed)'
    return c


def prefix_of(name, depth):
    n = name.lstrip('<&* ').replace('mut ', '').replace('dyn ', '')
    head = re.split(r'[<> ,(]', n)[0]
    segs = head.split('::')
    return '::'.join(segs[:depth])


def mentions(name):
    """Every crate named anywhere in the symbol (generic args included)."""
    return set(re.findall(r'(?:^|[<&,( ])([a-z_][a-z0-9_]*)::', name))


def main():
    args = sys.argv[1:]
    top = 40; depth = 2; out = None
    if '--top' in args: top = int(args[args.index('--top') + 1])
    if '--depth' in args: depth = int(args[args.index('--depth') + 1])
    if '--json' in args: out = args[args.index('--json') + 1]
    if args[0] == '--diff':
        a = dict(json.load(open(args[1]))['funcs_agg']); bb = dict(json.load(open(args[2]))['funcs_agg'])
        keys = set(a) | set(bb)
        d = sorted(((bb.get(k, 0) - a.get(k, 0), k) for k in keys), key=lambda x: -abs(x[0]))
        tot = sum(bb.values()) - sum(a.values())
        print(f'code delta {tot:+,} bytes')
        for delta, k in d[:top]:
            print(f'{delta:+9,}  {a.get(k, 0):8,} -> {bb.get(k, 0):8,}  {k[:160]}')
        return
    funcs, data, total = parse(args[0])
    code = sum(s for _, s in funcs)
    print(f'{args[0]}: {total:,} bytes; code {code:,} in {len(funcs):,} functions; data {data:,}')
    agg = defaultdict(int); cnt = defaultdict(int)
    for n, s in funcs:
        agg[n] += s; cnt[n] += 1
    bycrate = defaultdict(int); bypre = defaultdict(int); bymention = defaultdict(int)
    for n, s in funcs:
        bycrate[crate_of(n)] += s
        bypre[prefix_of(n, depth)] += s
        for c in mentions(n):
            bymention[c] += s
    print('\n== by crate (first path segment) ==')
    for c, s in sorted(bycrate.items(), key=lambda x: -x[1])[:30]:
        print(f'{s:9,}  {100 * s / code:5.1f}%  {c}')
    print('\n== by crate named anywhere in the symbol (monomorphisations counted for each) ==')
    for c, s in sorted(bymention.items(), key=lambda x: -x[1])[:30]:
        print(f'{s:9,}  {100 * s / code:5.1f}%  {c}')
    print(f'\n== by path prefix (depth {depth}) ==')
    for c, s in sorted(bypre.items(), key=lambda x: -x[1])[:top]:
        print(f'{s:9,}  {100 * s / code:5.1f}%  {c}')
    print(f'\n== top {top} functions ==')
    for n, s in sorted(agg.items(), key=lambda x: -x[1])[:top]:
        print(f'{s:9,}  x{cnt[n]:<3} {n[:170]}')
    if out:
        json.dump({'funcs_agg': sorted(agg.items()), 'code': code, 'data': data, 'total': total}, open(out, 'w'))


if __name__ == '__main__':
    main()
