// Page benchmark of the import: a 100 MB JSONL file read in slices and previewed. Prints
// `BENCH {...}`; figures and method are in docs/BENCHMARKS.md.
import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './synth';

const report = (name: string, value: number, unit: string, extra: object = {}) =>
  console.log('BENCH ' + JSON.stringify({ name, value: Math.round(value * 10) / 10, unit, ...extra }));

test('import a 100 MB JSONL file in the page (read in slices, preview)', async ({ page }) => {
  test.setTimeout(900_000);
  const dir = mkdtempSync(join(tmpdir(), 'sanad-bench-'));
  const path = join(dir, 'big.jsonl');
  // ~104 MB: 28,000 documents of ~1,400 code points (Arabic and English) with 25 spans each.
  const size = writeCorpus(path, 28_000, 1_250, 25, 'model');
  expect(size).toBeGreaterThan(100 * 1000 * 1000);
  await page.goto('/');
  await page.getByTestId('doc-link').first().waitFor();
  await page.evaluate(() => {
    (window as any).__gaps = [];
    let last = performance.now();
    const tick = (t: number) => { (window as any).__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 600_000 });
  const ms = Date.now() - t0;
  await expect(page.getByTestId('import-counts')).toContainText('28,000 articles · 700,000 entity spans');
  const gaps: number[] = await page.evaluate(() => (window as any).__gaps);
  const sorted = gaps.slice(1).sort((a, b) => a - b);
  const heap = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize ?? 0);
  report('page_import_100mb_jsonl', ms, 'ms', {
    bytes: size, mb_per_s: Math.round(size / 1e6 / (ms / 1000) * 10) / 10,
    frame_gap_max_ms: Math.round(sorted[sorted.length - 1]), frame_gap_p95_ms: Math.round(sorted[Math.floor(sorted.length * 0.95)]),
    js_heap_mb: Math.round(heap / 1e6),
  });
});
