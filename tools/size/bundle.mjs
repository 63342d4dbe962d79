// The page bundle as tests/bench/render.bench.ts "bundle size" counts it (every .wasm and .js in
// dist/: the shipped Zopfli .gz copy, else gzip -6; and gzip -6 on the fly), per file. Usage:
// node tools/size/bundle.mjs [dist]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const dist = process.argv[2] ?? 'dist';
const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort();
let z = 0, g = 0;
for (const f of files) {
  const body = readFileSync(`${dist}/${f}`);
  const six = gzipSync(body, { level: 6 }).length;
  const shipped = existsSync(`${dist}/${f}.gz`) ? statSync(`${dist}/${f}.gz`).size : six;
  z += shipped; g += six;
  console.log(`${f.padEnd(40)} raw ${String(body.length).padStart(9)}  zopfli ${String(shipped).padStart(8)}  gzip-6 ${String(six).padStart(8)}`);
}
console.log(`total: Zopfli ${(z / 1024).toFixed(1)} KB, gzip-6 ${(g / 1024).toFixed(1)} KB (budget 600)`);
