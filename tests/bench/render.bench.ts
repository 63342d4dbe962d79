// Page benchmarks (Chromium, release build). Each prints a JSON line `BENCH {...}`; the figures
// and their method are recorded in docs/BENCHMARKS.md.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { bigProject } from './synth';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (name: string, value: number, unit: string, extra: object = {}) =>
  console.log('BENCH ' + JSON.stringify({ name, value: Math.round(value * 10) / 10, unit, ...extra }));

test('bundle size: wasm + js gzipped', async () => {
  // Every .wasm and .js the app ships (the app module, which the tagger worker runs too, its
  // start-up and worker loaders, the service worker); model files excluded.
  const dist = resolve(__dirname, '../../dist');
  const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
  const sizes = Object.fromEntries(files.map((f) => [f, gzipSync(readFileSync(resolve(dist, f)), { level: 9 }).length]));
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  report('bundle_gzip', total / 1024, 'KB', { files: sizes });
  expect(total).toBeLessThanOrEqual(400 * 1024);
});

test('navigation to an opened article', async ({ browser }) => {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto('/#doc=ar-1');
    await page.locator('mark.ent').first().waitFor();
    times.push(await page.evaluate(() => performance.now()));
    await ctx.close();
  }
  report('navigation_to_open_article_median', median(times), 'ms', { runs: times.map(Math.round) });
});

test('render a 100,000-character document with 5,000 spans and 300 quotes', async ({ page }) => {
  const project = bigProject();
  const doc = project.documents[0];
  await page.goto('/');
  await page.getByTestId('doc-link').first().waitFor();
  await page.getByTestId('import-file').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await expect(page.getByTestId('article')).toBeVisible();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    // Back to the library, then open the big document and wait until its marks are on screen.
    await page.locator('.back').click();
    await expect(page.getByTestId('article')).toHaveCount(0);
    const ms = await page.evaluate(async (n) => {
      const link = [...document.querySelectorAll('[data-testid=doc-link]')].find((l) => l.textContent!.includes('Benchmark 100k')) as HTMLElement;
      const t0 = performance.now();
      link.click();
      await new Promise<void>((done) => {
        const poll = () => (document.querySelectorAll('mark.ent[data-tag]').length >= n ? done() : requestAnimationFrame(poll));
        requestAnimationFrame(poll);
      });
      // One more frame so the measured time includes layout and paint.
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    }, doc.spans.length);
    times.push(ms);
  }
  report('render_100k_5000_spans_300_quotes_median', median(times), 'ms', { runs: times.map(Math.round), chars: [...doc.text].length });
});

test('relabel on a 100,000-character document with 5,000 spans: key press to new label on screen', async ({ page }) => {
  const project = bigProject();
  await page.goto('/');
  await page.getByTestId('doc-link').first().waitFor();
  await page.getByTestId('import-file').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await expect(page.getByTestId('article')).toBeVisible();
  await expect(page.getByTestId('tag-status')).toBeVisible({ timeout: 60_000 });
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    // Select a mark in the middle of the document, then time a digit key to the relabelled mark.
    const target = page.locator(`mark[data-span-id="s${2500 + i}"]`).first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    // A label the span does not have yet: PER (key 1), or DATE (key 5) when it is a PER.
    const current = await target.getAttribute('data-label');
    const [label, want] = current === 'PER' ? ['5', 'DATE'] : ['1', 'PER'];
    const ms = await page.evaluate(async ({ id, key, want }) => {
      const t0 = performance.now();
      document.querySelector('[data-testid=article-view]')!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await new Promise<void>((done) => {
        const poll = () => (document.querySelector(`mark[data-span-id="${id}"]`)?.getAttribute('data-label') === want
          ? done() : requestAnimationFrame(poll));
        poll();
      });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    }, { id: `s${2500 + i}`, key: label, want });
    times.push(ms);
  }
  report('relabel_100k_5000_spans_median', median(times), 'ms', { runs: times.map(Math.round) });
});
