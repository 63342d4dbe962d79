// A minimal static file server for dist/ (used by `make serve` and the Playwright tests).
// Serves only files under the root, with correct MIME types (application/wasm matters), on
// 127.0.0.1. Usage: node tests/e2e/serve.mjs [root=dist] [port=8080] [base=/]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const base = process.argv[4] ?? '/';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8', '.gz': 'application/gzip',
};

createServer(async (req, res) => {
  try {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    path = path.slice(base.length) || 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end('forbidden'); return; }
    const s = await stat(file).catch(() => null);
    const target = s?.isDirectory() ? join(file, 'index.html') : file;
    const type = types[extname(target)] ?? 'application/octet-stream';
    // A precompressed copy (written by tools/post_build.mjs) when the browser accepts gzip.
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const gz = await readFile(`${target}.gz`).catch(() => null);
      if (gz) {
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding', 'cache-control': 'no-cache' });
        res.end(gz);
        return;
      }
    }
    const body = await readFile(target);
    res.writeHead(200, { 'content-type': type, vary: 'accept-encoding', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`Sanad: serving ${root} on http://127.0.0.1:${port}${base}`));
