// Page benchmarks (Chromium, release build). Each prints a JSON line `BENCH {...}`; the figures
// and their method are recorded in docs/BENCHMARKS.md.
import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { bigProject } from './synth';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (name: string, value: number, unit: string, extra: object = {}) =>
  console.log('BENCH ' + JSON.stringify({ name, value: Math.round(value * 10) / 10, unit, ...extra }));

// The page budget is for what a visitor downloads before the app works: every `.wasm` and `.js` the
// build ships (the app module, which the tagger worker runs too; its start-up and worker loaders;
// the service worker). The entity models are loaded later, by the worker, and have their own budget.
// Two figures, and the budget applies to the larger:
// - shipped: the `.gz` copies `tools/post_build.mjs` writes with Zopfli, which hosts that serve
//   precompressed files send (nginx `gzip_static`, our `tests/e2e/serve.mjs`, most CDNs);
// - on the fly: gzip level 6 (zlib's default, what nginx, Apache's mod_deflate and most servers that
//   compress responses themselves use), a few percent more than the Zopfli copies.
const PAGE_BUDGET_KB = 600;
const MODELS_BUDGET_BYTES = 4_000_000;
const dist = resolve(__dirname, '../../dist');
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

test(`bundle size: wasm + js, gzipped, at most ${PAGE_BUDGET_KB} KB (shipped Zopfli copies and gzip -6 on the fly)`, async () => {
  const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort();
  expect(files.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThan(0);
  const onTheFly = Object.fromEntries(files.map((f) => [f, gzipSync(readFileSync(resolve(dist, f)), { level: 6 }).length]));
  // post_build keeps a Zopfli copy only when it is smaller than gzip -9; a file without one counts
  // at its on-the-fly size.
  const gz = (f: string) => resolve(dist, f + '.gz');
  const shipped = Object.fromEntries(files.map((f) => [f, existsSync(gz(f)) ? statSync(gz(f)).size : onTheFly[f]]));
  report('bundle_gzip_zopfli_shipped', sum(shipped) / 1024, 'KB', { files: shipped });
  report('bundle_gzip6_on_the_fly', sum(onTheFly) / 1024, 'KB', { files: onTheFly, budget_KB: PAGE_BUDGET_KB });
  const larger = Math.max(sum(shipped), sum(onTheFly));
  expect(larger, `larger of ${kb(sum(shipped))} KB (Zopfli) and ${kb(sum(onTheFly))} KB (gzip -6)`).toBeLessThanOrEqual(PAGE_BUDGET_KB * 1024);
});

test('bundle size: the entity models, gzipped (-9), at most 4 MB together', async () => {
  // Every model file the page can load (`dist/models/*.sanad-model`). They are not part of the page
  // budget above: the page works before they arrive (the tagger worker fetches a model when it
  // first tags an article in its language; the service worker precaches them for offline use).
  // Measured gzipped with zlib at level 9, as static/models/README.md reports them; the build ships
  // no .gz copy of them, so a host that does not compress them sends the uncompressed size,
  // reported beside it. A model that grows past the budget fails `make test`. MB = 1,000,000 bytes.
  const models = resolve(dist, 'models');
  const files = readdirSync(models).filter((f) => f.endsWith('.sanad-model'));
  expect(files.sort()).toEqual(['ar.sanad-model', 'en.sanad-model']);
  const sizes = Object.fromEntries(files.map((f) => [f, gzipSync(readFileSync(resolve(models, f)), { level: 9 }).length]));
  const raw = Object.fromEntries(files.map((f) => [f, statSync(resolve(models, f)).size]));
  const total = sum(sizes);
  report('models_gzip9', total / 1000, 'kB', { files: sizes, uncompressed: raw, budget_bytes: MODELS_BUDGET_BYTES });
  expect(total).toBeLessThanOrEqual(MODELS_BUDGET_BYTES);
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
  await page.getByTestId('import-confirm').click();
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

test('relabel, insert and delete on a 100,000-character document with 5,000 spans: key press to the change on screen', async ({ page }) => {
  const project = bigProject();
  await page.goto('/');
  await page.getByTestId('doc-link').first().waitFor();
  await page.getByTestId('import-file').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('article')).toBeVisible();
  await expect(page.getByTestId('tag-status')).toBeVisible({ timeout: 60_000 });
  // Times a real key press (through Playwright's input pipeline, so the page gets a trusted event)
  // from the keydown event to (1) the change in the DOM (a MutationObserver sees it) and (2) the
  // end of the first frame that paints it: the frame whose requestAnimationFrame callback sees the
  // change, plus its style, layout and paint (a message posted from that callback runs after them).
  const timeKey = async (key: string, done: string) => {
    await page.evaluate((done) => {
      const ok = new Function(`return (${done})`) as () => boolean;
      (window as any).__bench = new Promise((resolve) => {
        window.addEventListener('keydown', () => {
          const t0 = performance.now();
          let dom = 0;
          const mo = new MutationObserver(() => {
            if (!dom && ok()) dom = performance.now() - t0;
          });
          mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          const poll = () => {
            if (!ok()) return requestAnimationFrame(poll);
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              mo.disconnect();
              resolve({ dom, paint: performance.now() - t0 });
            };
            ch.port2.postMessage(null);
          };
          requestAnimationFrame(poll);
        }, { capture: true, once: true });
      });
    }, done);
    await page.keyboard.press(key);
    return (await page.evaluate(() => (window as any).__bench)) as { dom: number; paint: number };
  };

  // What the user did before the key (a click, a selection and the picker it opens) must be on
  // screen before the key is timed, as it is for a person who sees it and then presses the key:
  // wait for two frames. Without this the key's frame also painted the preceding click or
  // scripted selection (and, after a scroll, laid out the paragraphs that came into view).
  // Then wait a different part of a frame interval in each run (run i of 15: i/15 of 16.7 ms),
  // so that the keys arrive at evenly spread times within the frame: pressed right after a frame
  // (as a script does), every key would wait the same ~13 ms for the next one.
  const settle = (i: number) =>
    page.evaluate((delay) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, delay)))), (i % 15) * 16.7 / 15);

  // The floor of this method: a key whose handler only changes one text node, outside the app.
  const floor: number[] = [];
  await page.evaluate(() => {
    const div = document.body.appendChild(document.createElement('div'));
    div.id = 'bench-floor';
    window.addEventListener('keydown', (e) => { if (e.key === 'F9') div.textContent = String(Number(div.textContent || 0) + 1); });
  });
  for (let i = 0; i < 15; i++) {
    await settle(i);
    floor.push((await timeKey('F9', `document.getElementById('bench-floor').textContent === '${i + 1}'`)).paint);
  }
  report('key_to_paint_floor_median', median(floor), 'ms', { runs: floor.map((x) => Math.round(x * 10) / 10) });

  const relabel: number[] = [];
  const relabelDom: number[] = [];
  for (let i = 0; i < 15; i++) {
    // Select a mark in the middle of the document, then time a digit key to the relabelled mark.
    const id = `s${2500 + i}`;
    const target = page.locator(`mark[data-span-id="${id}"]`).first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    // A label the span does not have yet: PER (key 1), or DATE (key 5) when it is a PER.
    const current = await target.getAttribute('data-label');
    await settle(i);
    const [key, want] = current === 'PER' ? ['5', 'DATE'] : ['1', 'PER'];
    const t = await timeKey(key, `document.querySelector('mark[data-span-id="${id}"]')?.getAttribute('data-label') === '${want}'`);
    relabel.push(t.paint);
    relabelDom.push(t.dom);
  }
  report('relabel_100k_5000_spans_median', median(relabel), 'ms', { runs: relabel.map(Math.round), dom_median: median(relabelDom), dom_runs: relabelDom.map((x) => Math.round(x * 10) / 10) });

  const insert: number[] = [];
  const insertDom: number[] = [];
  for (let i = 0; i < 15; i++) {
    // Select the first unlabelled word of a paragraph in the middle (a text node between marks),
    // as the mouse would, then time the digit key to the new mark on screen.
    const para = page.locator('[data-testid=article] p').nth(150 + 2 * i);
    await para.scrollIntoViewIfNeeded();
    const before = await page.evaluate((n) => {
      const p = document.querySelectorAll('[data-testid=article] p')[n];
      const text = [...p.childNodes].find((c) => c.nodeType === Node.TEXT_NODE && /\S{3,}/.test(c.textContent!))!;
      const m = /\S{3,}/.exec(text.textContent!)!;
      const r = document.createRange();
      r.setStart(text, m.index);
      r.setEnd(text, m.index + m[0].length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      document.querySelector('[data-testid=article]')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return p.querySelectorAll('mark.ent').length;
    }, 150 + 2 * i);
    await expect(page.getByTestId('label-picker')).toBeVisible();
    await settle(i);
    const t = await timeKey('3', `document.querySelectorAll('[data-testid=article] p')[${150 + 2 * i}].querySelectorAll('mark.ent').length === ${before + 1}`);
    insert.push(t.paint);
    insertDom.push(t.dom);
  }
  report('insert_100k_5000_spans_median', median(insert), 'ms', { runs: insert.map(Math.round), dom_median: median(insertDom), dom_runs: insertDom.map((x) => Math.round(x * 10) / 10) });

  const remove: number[] = [];
  const removeDom: number[] = [];
  for (let i = 0; i < 15; i++) {
    const id = `s${2600 + i}`;
    const target = page.locator(`mark[data-span-id="${id}"]`).first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await settle(i);
    const t = await timeKey('Delete', `!document.querySelector('mark[data-span-id="${id}"]')`);
    remove.push(t.paint);
    removeDom.push(t.dom);
  }
  report('delete_100k_5000_spans_median', median(remove), 'ms', { runs: remove.map(Math.round), dom_median: median(removeDom), dom_runs: removeDom.map((x) => Math.round(x * 10) / 10) });
  // Every change is really there: the relabelled, inserted and removed marks.
  await expect(page.locator('mark[data-span-id="s2600"]')).toHaveCount(0);
});
