#!/usr/bin/env python3
"""Raw and deflate (zlib level 6) size of each section of a wasm module: where compressed bytes are."""
import sys, zlib
sys.path.insert(0, __import__('os').path.dirname(__file__))
from wasm_profile import sections
NAMES = {0: 'custom', 1: 'type', 2: 'import', 3: 'func', 4: 'table', 5: 'memory', 6: 'global', 7: 'export',
         8: 'start', 9: 'elem', 10: 'code', 11: 'data', 12: 'datacount'}
for f in sys.argv[1:]:
    print(f)
    for sid, s in sections(open(f, 'rb').read()):
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        z = len(c.compress(bytes(s)) + c.flush())
        if len(s) > 1000:
            print(f'  {NAMES.get(sid, sid):8} raw {len(s):9,}  deflate-6 {z:8,}')
