// Page benchmark of the training-data formats: export of 10,000 documents (about 20 MB of text,
// 500,000 spans) to every format. Each prints `BENCH {...}`;
// figures and method are in docs/BENCHMARKS.md.
import { test, expect } from '@playwright/test';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './synth';

const report = (name: string, value: number, unit: string, extra: object = {}) =>
  console.log('BENCH ' + JSON.stringify({ name, value: Math.round(value * 10) / 10, unit, ...extra }));

test('export 10,000 documents (20 MB of text, 500,000 spans) to every format', async ({ page }) => {
  test.setTimeout(900_000);
  const dir = mkdtempSync(join(tmpdir(), 'sanad-bench-'));
  const path = join(dir, 'library.json');
  // Model-origin spans, so the tagger does not queue 10,000 documents. A compact project file
  // (under the page's 64 MiB limit for files read whole).
  const size = writeCorpus(path, 10_000, 2_000, 50, 'model', true);
  await page.goto('/');
  await page.getByTestId('doc-link').first().waitFor();
  const before = await page.getByTestId('doc-link').count();
  await page.getByTestId('import-file').setInputFiles(path);
  // With the import preview, confirm it; without, the articles are added directly.
  const confirm = page.getByTestId('import-confirm');
  const last = page.getByTestId('doc-link').nth(before + 9_999);
  await expect(confirm.or(last)).toBeVisible({ timeout: 300_000 });
  if (await confirm.isVisible()) await confirm.click();
  await expect(last).toBeAttached({ timeout: 300_000 });
  await page.getByTestId('export-all').check();
  const results: Record<string, number> = {};
  for (const f of ['sanad', 'jsonl', 'prodigy', 'doccano', 'doccano-rel', 'label-studio', 'brat', 'conll', 'w3c', 'quotes']) {
    await page.getByTestId('export-format').selectOption(f);
    const t0 = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('export-download').click()]);
    const ms = Date.now() - t0;
    const bytes = statSync((await dl.path())!).size;
    results[f] = ms;
    report(`page_export_10k_${f}`, ms, 'ms', { bytes });
  }
  report('page_export_10k_max', Math.max(...Object.values(results)), 'ms', { input_bytes: size, results });
});
