// Hostile input: every file here is imported through the page's file input, as a user would.
// Nothing may run as script, pollute prototypes, fetch from elsewhere, throw in the page, or lose
// what the library already holds; every refusal names the file and says what is wrong.
import { test, expect, Page, TestInfo } from '@playwright/test';
import * as fs from 'node:fs';

const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

type Watch = { errors: string[]; dialogs: string[]; foreign: string[] };

async function openApp(page: Page): Promise<Watch> {
  const w: Watch = { errors: [], dialogs: [], foreign: [] };
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('dialog', (d) => { w.dialogs.push(d.message()); void d.dismiss(); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:') w.foreign.push(r.url());
  });
  await page.goto('./');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  return w;
}

// Imports through the file input.
async function importFile(page: Page, info: TestInfo, name: string, content: string | Buffer) {
  const path = info.outputPath(name);
  fs.writeFileSync(path, content);
  await page.getByTestId('import-file').setInputFiles(path);
}

// A file with annotations is previewed first (spans per label, problems, conflicts): import it.
async function importAnnotated(page: Page, info: TestInfo, name: string, content: string) {
  await importFile(page, info, name, content);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
}

// A message about `file`, wherever the page says it: a notice, or a problem in the preview.
function said(page: Page, file: string) {
  return page.locator('[data-testid=notice], [data-testid=import-problem]').filter({ hasText: file });
}

async function safe(page: Page, w: Watch, demoCount: number) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  expect(w.errors).toEqual([]);
  expect(w.dialogs).toEqual([]);
  expect(w.foreign).toEqual([]);
  expect(await page.getByTestId('doc-link').count()).toBeGreaterThanOrEqual(demoCount);
}

test('script and event-handler payloads in text, titles, labels and meta stay text; __proto__ keys pollute nothing', async ({ page }, info) => {
  const w = await openApp(page);
  const demo = await page.getByTestId('doc-link').count();
  const lines = [
    { id: 'h1', title: `Title ${PAYLOAD}`, text: `Body ${PAYLOAD} and more text.\nSecond paragraph ${PAYLOAD}`,
      meta: { note: PAYLOAD, constructor: { prototype: { polluted: 2 } } } },
    JSON.parse(`{"id":"h2","title":"Proto","text":"Text with a proto key.","__proto__":{"polluted":true},"meta":{"__proto__":{"polluted":true}}}`),
  ];
  await importFile(page, info, 'payloads.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await expect(page.getByTestId('notice').filter({ hasText: 'payloads.jsonl' })).toContainText('2');
  // A project whose span label is markup.
  const project = {
    format: 'sanad-project', version: 1, offset_unit: 'codepoint', name: PAYLOAD, labels: [],
    documents: [{ id: 'h3', title: 'Hostile label', lang: 'en', status: 'new', text: 'Lavrov spoke.',
      spans: [{ id: 'e1', start: 0, end: 6, label: '<img src=x onerror=window.__pwned=3>', origin: 'editor' }], quotes: [],
      meta: { __proto__: PAYLOAD } }],
    meta: { x: PAYLOAD },
  };
  await importAnnotated(page, info, 'label.sanad.json', JSON.stringify(project));
  await page.getByTestId('doc-link').filter({ hasText: 'Hostile label' }).click();
  await expect(page.getByTestId('article').locator('mark[data-span-id="e1"]')).toHaveAttribute('data-label', '<img src=x onerror=window.__pwned=3>');
  const link = page.getByTestId('doc-link').filter({ hasText: 'Title <img' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByTestId('article-title')).toHaveText(`Title ${PAYLOAD}`);
  const article = page.getByTestId('article');
  await expect(article).toContainText(`Body ${PAYLOAD}`);
  expect(await page.locator('.app img, .app script, .app svg').count()).toBe(0);
  // The open article reaches the URL when the page is idle: reload once it is there (a reload
  // before it would reopen the article opened before, as a user's would).
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#doc=h1');
  await page.reload();
  await expect(page.getByTestId('article-title')).toHaveText(`Title ${PAYLOAD}`);
  await safe(page, w, demo + 3);
});

test('a project whose labels carry CSS or script is refused with the reason; nothing changes', async ({ page }, info) => {
  const w = await openApp(page);
  const demo = await page.getByTestId('doc-link').count();
  const project = {
    format: 'sanad-project', version: 1, offset_unit: 'codepoint', name: 'x',
    labels: [{ name: 'PER', color: 'red; background-image: url(https://evil.example/x.png)', key: '1', description: '' }],
    documents: [{ id: 'p1', title: 'Should not arrive', lang: 'en', text: 'Nothing', status: 'new', spans: [], quotes: [] }],
    meta: {},
  };
  await importFile(page, info, 'styled.sanad.json', JSON.stringify(project));
  await expect(page.getByTestId('notice').filter({ hasText: 'styled.sanad.json' })).toContainText('hex colour');
  await expect(page.getByTestId('doc-link').filter({ hasText: 'Should not arrive' })).toHaveCount(0);
  await safe(page, w, demo);
});

test('deep nesting and invalid UTF-8 get clear errors; the library stays', async ({ page }, info) => {
  test.setTimeout(120_000);
  const w = await openApp(page);
  const demo = await page.getByTestId('doc-link').count();

  await importFile(page, info, 'deep.json', '['.repeat(100_000) + ']'.repeat(100_000));
  await expect(page.getByTestId('notice').filter({ hasText: 'deep.json' })).toContainText(/line 1, column \d+/);

  await importFile(page, info, 'broken.txt', Buffer.concat([Buffer.from('Valid start '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' end')]));
  await expect(page.getByTestId('notice').filter({ hasText: 'broken.txt' })).toContainText('not UTF-8');

  await expect(page.getByTestId('doc-link')).toHaveCount(demo);
  await page.reload();
  await expect(page.getByTestId('doc-link')).toHaveCount(demo);
  await safe(page, w, demo);
});

test('a 10 MB single line imports and opens without hanging the page', async ({ page }, info) => {
  test.setTimeout(120_000);
  const w = await openApp(page);
  const demo = await page.getByTestId('doc-link').count();
  const words = ['Cairo', 'said', 'the', 'minister', 'on', 'Monday', 'القاهرة', 'قال', 'الوزير'];
  let line = 'Long line ';
  while (line.length < 10 * 1024 * 1024) line += words.join(' ') + ' ';
  await importFile(page, info, 'long-line.txt', `One very long line\n${line}\n`);
  const link = page.getByTestId('doc-link').filter({ hasText: 'One very long line' });
  await expect(link).toBeVisible({ timeout: 60_000 });
  await link.click();
  await expect(page.getByTestId('article-title')).toHaveText('One very long line', { timeout: 60_000 });
  // The page still answers.
  await expect(page.getByTestId('ui-lang')).toBeEnabled();
  await page.getByTestId('ui-lang').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await safe(page, w, demo + 1);
});

test('bidi overrides and zero-width characters are shown isolated and leave offsets exact', async ({ page }, info) => {
  const w = await openApp(page);
  const demo = await page.getByTestId('doc-link').count();
  const title = 'Invoice \u202Egpj.exe\u202C report';
  const text = `${title}\nThe \u202Eminister\u202C met Lavrov\u200B in Cairo\u200D today 👩‍👩‍👧 and \u2067عمّان\u2069 too.`;
  const start = [...`${title}\nThe \u202Eminister\u202C met `].length;
  const project = {
    format: 'sanad-project', version: 1, offset_unit: 'codepoint', name: 'bidi', labels: [],
    documents: [{ id: 'b1', title, lang: 'en', status: 'new', text,
      spans: [{ id: 'e1', start, end: start + 6, label: 'PER', origin: 'editor' }], quotes: [] }],
    meta: {},
  };
  await importAnnotated(page, info, 'bidi.sanad.json', JSON.stringify(project));
  const link = page.getByTestId('doc-link').filter({ hasText: 'report' });
  await expect(link).toBeVisible();
  // The title cannot reorder the row around it: it is its own bidi-isolated run.
  const iso = await link.locator('.doc-title').evaluate((e) => [e.getAttribute('dir'), getComputedStyle(e).unicodeBidi]);
  expect(iso).toEqual(['auto', 'isolate']);
  await link.click();
  const mark = page.getByTestId('article').locator('mark[data-span-id="e1"]');
  await expect(mark).toHaveText('Lavrov');
  for (const p of await page.getByTestId('article').locator('p').all()) await expect(p).toHaveAttribute('dir', 'auto');
  await safe(page, w, demo + 1);
});

test('a million spans in one document are refused with the limit; the library stays', async ({ page }, info) => {
  test.setTimeout(180_000);
  const w = await openApp(page);
  const demo = await page.getByTestId('doc-link').count();
  // A project whose one document holds 1,000,000 spans (short ids keep the file under 64 MB).
  const n = 1_000_000;
  const spans = Array.from({ length: n }, (_, i) => `{"id":"${i.toString(36)}","start":${2 * i},"end":${2 * i + 1},"label":"P"}`);
  const body = `{"format":"sanad-project","version":1,"offset_unit":"codepoint","name":"m","labels":[],` +
    `"documents":[{"id":"m","title":"A million spans","lang":"en","status":"new","text":"${'ab'.repeat(n)}","spans":[${spans.join(',')}],"quotes":[]}],"meta":{}}`;
  expect(body.length).toBeLessThan(64 * 1024 * 1024);
  await importFile(page, info, 'million.sanad.json', body);
  // The page writes its numbers grouped ("100,000"; the CLI's English says 100000).
  await expect(said(page, 'million.sanad.json')).toContainText('1,000,000 spans in one document: at most 100,000 are kept', { timeout: 120_000 });
  await expect(page.getByTestId('doc-link').filter({ hasText: 'A million spans' })).toHaveCount(0);
  await expect(page.getByTestId('doc-link')).toHaveCount(demo);
  await safe(page, w, demo);
});
