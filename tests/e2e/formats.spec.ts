// Import of every training-data format in the page (detection, preview, problems, skipping bad
// records, suggestions or editor's, merge conflicts, cancel), and export -> import round trips,
// on Arabic (clitics, harakat, ZWJ emoji, CRLF) and English (emoji, accents) articles.
import { test, expect, Page, Browser } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const fixturePath = resolve(__dirname, '../fixtures/formats/fixture.json');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
type Doc = { id: string; text: string; status: string; spans: any[]; quotes?: any[] };
const fixtureDocs: Doc[] = fixture.documents;
const cp = (s: string) => [...s];
const slice = (t: string, a: number, b: number) => cp(t).slice(a, b).join('');

async function fresh(browser: Browser) {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  return { ctx, page };
}

type FileArg = string | { name: string; mimeType: string; buffer: Buffer };

async function preview(page: Page, files: FileArg | FileArg[]) {
  await page.getByTestId('import-file').setInputFiles(files as any);
  const p = page.getByTestId('import-preview');
  await expect(p).toBeVisible();
  return p;
}

async function exportAs(page: Page, format: string, all = true): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-format').selectOption(format);
  await page.getByTestId('export-all').setChecked(all);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

/** The files of a zip archive (stored or deflated entries), read from its central directory. */
function unzip(buf: Buffer): Map<string, string> {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const csize = buf.readUInt32LE(at + 20);
    const nlen = buf.readUInt16LE(at + 28), xlen = buf.readUInt16LE(at + 30), clen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nlen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nlen + xlen + clen;
  }
  return out;
}

/** Runs tests/python/brat_zip.py (Python's zipfile, standard library only); returns its stdout. */
function bratZipPy(args: string[]): string {
  const r = spawnSync('python3', [resolve(__dirname, '../python/brat_zip.py'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 tests/python/brat_zip.py ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The library's documents, as the user gets them in the project JSON download. */
async function libraryDocs(page: Page): Promise<Doc[]> {
  const { bytes } = await exportAs(page, 'sanad');
  return JSON.parse(bytes.toString('utf8')).documents;
}

const firm = (d: Doc) => d.spans.filter((s) => s.origin !== 'model').map((s) => `${s.start}-${s.end}-${s.label}`).sort();
const firmQuotes = (d: Doc) => (d.quotes ?? []).filter((q) => q.origin !== 'model')
  .map((q) => `${q.start}-${q.end}-${q.speaker ? `${q.speaker.start}-${q.speaker.end}` : ''}`).sort();
const allSpans = (d: Doc) => d.spans.map((s) => `${s.start}-${s.end}-${s.label}`).sort();
const allQuotes = (d: Doc) => (d.quotes ?? []).map((q) => `${q.start}-${q.end}-${q.speaker ? `${q.speaker.start}-${q.speaker.end}` : ''}`).sort();

test('every format exports from the page and imports back into a fresh library (round trip)', async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await fresh(browser);
  const demo = await a.page.getByTestId('doc-link').count();
  const p = await preview(a.page, fixturePath);
  await expect(p.getByTestId('import-source')).toHaveAttribute('data-format', 'sanad');
  await expect(p.getByTestId('import-counts')).toContainText('3 articles');
  // The demo library has ar-1 and en-1 with other texts: the fixture's are renamed, and that is listed.
  await expect(p.getByTestId('import-conflict')).toHaveCount(2);
  await expect(p.getByTestId('import-conflict').first()).toContainText('ar-1-2');
  await a.page.getByTestId('import-confirm').click();
  await expect(p).toBeHidden();

  const formats = ['sanad', 'jsonl', 'prodigy', 'doccano', 'doccano-rel', 'label-studio', 'brat', 'conll', 'w3c'];
  const files: Record<string, { name: string; bytes: Buffer }> = {};
  // Only the articles marked done (the fixture's two): the demo articles are not done.
  for (const f of formats) files[f] = await exportAs(a.page, f, false);
  await a.ctx.close();
  const done = fixtureDocs.filter((d) => d.status === 'done');

  // What the user downloaded: brat is a zip of .txt + .ann whose T lines slice the text exactly.
  expect(files.brat.name).toBe('sanad-export.brat.zip');
  const zip = unzip(files.brat.bytes);
  expect(zip.has('annotation.conf')).toBe(true);
  const arTxt = zip.get('ar-1-2.txt')!;
  expect(arTxt).toBe(fixtureDocs[0].text);
  for (const line of zip.get('ar-1-2.ann')!.split('\n').filter((l) => l.startsWith('T'))) {
    const [, mid, text] = line.split('\t');
    const frags = mid.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
    expect(frags.map(([s, e]) => slice(arTxt, s, e)).join(' ')).toBe(text);
  }

  for (const f of formats) {
    const b = await fresh(browser);
    const file = { name: files[f].name, mimeType: 'application/octet-stream', buffer: files[f].bytes };
    const pv = await preview(b.page, file);
    await expect(pv.getByTestId('import-source')).toHaveAttribute('data-format', f);
    // The project JSON is the whole library (demo articles too); the others the done articles.
    await expect(pv.getByTestId('import-counts')).toContainText(`${f === 'sanad' ? demo + 3 : done.length} articles`);
    await expect(pv.getByTestId('import-problem')).toHaveCount(0);
    // Take every imported span as the editor's, so the check below is not confused with the
    // tagger's own suggestions for these articles.
    await pv.getByTestId('import-as-editor').check();
    await b.page.getByTestId('import-confirm').click();
    await expect(pv).toBeHidden();
    const docs = await libraryDocs(b.page);
    await b.ctx.close();
    if (f === 'conll') {
      // CoNLL rebuilds the text from tokens: the entities come back with their labels and texts.
      const want = done.flatMap((d) => d.spans.map((s) => `${s.label}:${slice(d.text, s.start, s.end)}`)).sort();
      const got = docs.filter((d) => d.id.startsWith('conll-'))
        .flatMap((d) => d.spans.filter((s) => s.origin !== 'model').map((s) => `${s.label}:${slice(d.text, s.start, s.end)}`)).sort();
      expect(got, f).toEqual(want);
      continue;
    }
    for (const want of f === 'sanad' ? fixtureDocs : done) {
      const got = docs.find((d) => d.text === want.text);
      expect(got, `${f}: ${want.id}`).toBeTruthy();
      expect(firm(got!), `${f}: ${want.id} spans`).toEqual(allSpans(want));
      if (f !== 'doccano') expect(firmQuotes(got!), `${f}: ${want.id} quotes`).toEqual(allQuotes(want));
    }
  }
});

const ar = 'قال وزير الخارجية سيرغي لافروف 👍 إن موسكو مستعدة، وأضاف: «سنرد بحزم». وقالت لروسيا اليوم إن الاجتماع انتهى.';
const en = 'Lavrov 🙂 told Reuters in Genève that talks would resume on Monday.';
const at = (text: string, sub: string, from = 0) => {
  const i = text.indexOf(sub, from);
  return [cp(text.slice(0, i)).length, cp(text.slice(0, i)).length + cp(sub).length];
};

test('a Prodigy file is detected and previewed; bad records are listed with line and column and can be skipped', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const before = await page.getByTestId('doc-link').count();
  const [ls, le] = at(ar, 'سيرغي لافروف');
  const [ms, me] = at(ar, 'موسكو');
  const [rs, re] = at(ar, 'روسيا اليوم');
  const [es, ee] = at(en, 'Lavrov');
  const [gs, ge] = at(en, 'Genève');
  const lines = [
    JSON.stringify({ id: 'p-ar', text: ar, spans: [
      { start: ls, end: le, label: 'PER' }, { start: ms, end: me, label: 'LOC' }, { start: rs, end: re, label: 'ORG' }] }),
    JSON.stringify({ id: 'p-en', text: en, spans: [{ start: es, end: ee, label: 'PER' }, { start: gs, end: ge, label: 'LOC' }] }),
    '{"text": "broken" "spans": []}',
    JSON.stringify({ id: 'p-range', text: 'Short text.', spans: [{ start: 3, end: 40, label: 'PER' }] }),
    JSON.stringify({ id: 'p-text', text: en, spans: [{ start: es, end: ee, label: 'PER', text: 'Putin' }] }),
  ];
  const file = { name: 'news.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n') + '\n') };
  // Prodigy needs tokens to be recognised from its first line: add them as Prodigy writes them.
  const withTokens = lines.map((l, i) => {
    if (i === 2) return l;
    const o = JSON.parse(l);
    o.tokens = cp(o.text).length ? [{ text: o.text, start: 0, end: cp(o.text).length, id: 0, ws: false }] : [];
    return JSON.stringify(o);
  });
  file.buffer = Buffer.from(withTokens.join('\n') + '\n');
  const p = await preview(page, file);
  await expect(p.getByTestId('import-source')).toHaveAttribute('data-format', 'prodigy');
  await expect(p.getByTestId('import-counts')).toContainText('2 articles · 5 entity spans');
  await expect(p.getByTestId('import-labels').locator('tr[data-label="PER"] td').nth(1)).toHaveText('2');
  await expect(p.getByTestId('import-labels').locator('tr[data-label="LOC"] td').nth(1)).toHaveText('2');
  const problems = p.getByTestId('import-problem');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText(/news\.jsonl, line 3, column \d+/);
  await expect(problems.nth(1)).toContainText('line 4');
  await expect(problems.nth(1)).toContainText('out of range');
  await expect(problems.nth(2)).toContainText('line 5');
  await expect(problems.nth(2)).toContainText('"Putin"');
  // Cancel: nothing changes.
  await page.getByTestId('import-cancel').click();
  await expect(p).toBeHidden();
  await expect(page.getByTestId('doc-link')).toHaveCount(before);

  // Again, as suggestions (the default), skipping the bad records.
  const p2 = await preview(page, file);
  await expect(page.getByTestId('import-confirm')).toHaveText('Import 2 articles, skipping 3 bad records');
  await page.getByTestId('import-confirm').click();
  await expect(p2).toBeHidden();
  await expect(page.getByTestId('doc-link')).toHaveCount(before + 2);
  await page.getByTestId('doc-link').filter({ hasText: 'سيرغي' }).click();
  const mark = page.getByTestId('article').locator('mark[data-label="PER"]', { hasText: 'سيرغي لافروف' });
  await expect(mark).toHaveAttribute('data-origin', 'model');
  await expect(page.getByTestId('article').locator('mark[data-label="ORG"]', { hasText: 'روسيا اليوم' })).toHaveAttribute('data-origin', 'model');
});

test('imported model spans come in as the editor\'s when chosen (Label Studio predictions, doccano)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const [es, ee] = at(en, 'Reuters');
  const [ls, le] = at(ar, 'لافروف');
  const tasks = [
    { data: { id: 'ls-en', text: en }, predictions: [{ model_version: 'm1', score: 0.8, result: [
      { id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', score: 0.8,
        value: { start: es, end: ee, text: 'Reuters', labels: ['ORG'] } }] }] },
  ];
  let p = await preview(page, { name: 'tasks.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tasks)) });
  await expect(p.getByTestId('import-source')).toHaveAttribute('data-format', 'label-studio');
  await expect(p.getByTestId('import-origin')).toContainText('1 span or quote comes from a model');
  await p.getByTestId('import-as-editor').check();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('article-title')).toBeVisible();
  await expect(page.getByTestId('article').locator('mark[data-label="ORG"]', { hasText: 'Reuters' })).toHaveAttribute('data-origin', 'editor');

  const doccano = JSON.stringify({ id: 'dc-ar', text: ar, label: [[ls, le, 'PER']] }) + '\n';
  p = await preview(page, { name: 'doccano.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(doccano) });
  await expect(p.getByTestId('import-source')).toHaveAttribute('data-format', 'doccano');
  await p.getByTestId('import-as-editor').check();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('article').locator('mark[data-label="PER"]', { hasText: 'لافروف' }).first()).toHaveAttribute('data-origin', 'editor');
});

test('an import goes into a new project: previewed, named, opened; the library it came from is unchanged', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const before = await page.getByTestId('doc-link').count();
  const original = (await page.getByTestId('project-name').textContent())!.trim();
  const [ls, le] = at(ar, 'لافروف');
  const [rs, re] = at(en, 'Reuters');
  const doccano = [
    { id: 'np-ar', text: ar, label: [[ls, le, 'PER']] },
    { id: 'np-en', text: en, label: [[rs, re, 'NEWSROOM']] },
  ].map((r) => JSON.stringify(r)).join('\n') + '\n';
  const p = await preview(page, { name: 'wire-batch.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(doccano) });
  await expect(p.getByTestId('import-project-name')).toBeDisabled();
  await p.getByTestId('import-new-project').check();
  await expect(p.getByTestId('import-project-name')).toHaveValue('wire-batch');
  await expect(p.getByTestId('import-merge-summary')).toContainText('2 articles go into the new project');
  await p.getByTestId('import-project-name').fill('Wire batch 12');
  await p.getByTestId('import-as-editor').check();
  await page.getByTestId('import-confirm').click();
  // The page opens the new project: its name, its two articles, the editor's spans and a label
  // for the one the defaults lack.
  await expect(page.getByTestId('project-name')).toHaveText('Wire batch 12');
  await expect(page.getByTestId('doc-link')).toHaveCount(2);
  await page.getByTestId('doc-link').filter({ hasText: 'told Reuters' }).click();
  await expect(page.getByTestId('article').locator('mark[data-label="NEWSROOM"]', { hasText: 'Reuters' })).toHaveAttribute('data-origin', 'editor');
  await page.getByTestId('settings-button').click();
  await expect(page.locator('[data-testid="label-row"][data-label="NEWSROOM"]')).toHaveCount(1);
  // Back to the first project: nothing was added to it.
  await page.getByTestId('project-switch').selectOption({ label: original });
  await expect(page.getByTestId('project-name')).toHaveText(original);
  await expect(page.getByTestId('doc-link')).toHaveCount(before);
  await expect(page.getByTestId('doc-link').filter({ hasText: 'told Reuters' })).toHaveCount(0);
});

test('merging into articles already here lists the conflicts and keeps the editor\'s work', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const [ls, le] = at(en, 'Lavrov');
  const [rs, re] = at(en, 'Reuters');
  const [gs, ge] = at(en, 'Genève');
  const [ms, me] = at(en, 'Monday');
  const mine = JSON.stringify({ id: 'm-en', text: en, status: 'in_progress', spans: [
    { id: 'a', start: ls, end: le, label: 'PER', origin: 'editor' },
    { id: 'b', start: gs, end: ge, label: 'LOC', origin: 'model' }] }) + '\n';
  let p = await preview(page, { name: 'mine.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(mine) });
  await page.getByTestId('import-confirm').click();
  await expect(p).toBeHidden();

  const theirs = [
    JSON.stringify({ id: 'm-en', text: en, spans: [
      { start: ls, end: le, label: 'ORG', origin: 'import' },   // overlaps the editor's PER
      { start: gs, end: ge, label: 'MISC', origin: 'import' },  // overlaps a suggestion
      { start: rs, end: re, label: 'ORG', origin: 'import' },   // new
      { start: ms, end: me, label: 'DATE', origin: 'import' }] }),
    JSON.stringify({ id: 'm-en', text: 'Another story with the same id.' }),
  ];
  // The second line reuses the id within one file: that is a problem in the file itself.
  p = await preview(page, { name: 'theirs.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(theirs.join('\n')) });
  await expect(p.getByTestId('import-problem')).toContainText('used twice');
  await expect(p.getByTestId('import-merge-summary')).toContainText('1 merged into articles already here');
  const conflicts = p.getByTestId('import-conflict');
  await expect(conflicts).toHaveCount(2);
  await expect(conflicts.nth(0)).toContainText('ORG «Lavrov»');
  await expect(conflicts.nth(0)).toContainText('the library\'s is kept');
  await expect(conflicts.nth(1)).toContainText('MISC «Genève»');
  await expect(conflicts.nth(1)).toContainText('the suggestions give way');
  await page.getByTestId('import-confirm').click();
  await expect(p).toBeHidden();
  await expect(page.getByTestId('notice').last()).toContainText('1 merged into articles already here (3 spans');
  await page.locator('[data-testid="doc-link"][data-doc-id="m-en"]').click();
  const art = page.getByTestId('article');
  await expect(art.locator('mark[data-label="PER"]', { hasText: 'Lavrov' })).toHaveAttribute('data-origin', 'editor');
  await expect(art.locator('mark[data-label="MISC"]', { hasText: 'Genève' })).toBeVisible();
  await expect(art.locator('mark[data-label="LOC"]', { hasText: 'Genève' })).toHaveCount(0);
  await expect(art.locator('mark[data-label="ORG"]', { hasText: 'Reuters' })).toBeVisible();
  await expect(art.locator('mark[data-label="DATE"]', { hasText: 'Monday' })).toBeVisible();
  // The same id with another text (a second file) is added under a new id, listed first.
  const other = JSON.stringify({ id: 'm-en', text: 'Another story with the same id.', spans: [{ start: 0, end: 7, label: 'MISC' }] });
  p = await preview(page, { name: 'other.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(other) });
  await expect(p.getByTestId('import-conflict')).toContainText('added as m-en-2');
});

test('brat as .txt + .ann files chosen together, and a bad .ann line named by file, line and column', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const [ls, le] = at(ar, 'سيرغي لافروف');
  const [ms, me] = at(ar, 'موسكو');
  const files = [
    { name: 'wire.txt', mimeType: 'text/plain', buffer: Buffer.from(ar) },
    { name: 'wire.ann', mimeType: 'text/plain', buffer: Buffer.from(`T1\tPER ${ls} ${le}\tسيرغي لافروف\nT2\tLOC ${ms} ${me}\tموسكو\n`) },
    { name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from(en) },
    { name: 'bad.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tPER 0 6\tLavrov\nT2 PER 0 6 Lavrov\n') },
  ];
  const p = await preview(page, files);
  await expect(p.getByTestId('import-source')).toHaveAttribute('data-format', 'brat');
  await expect(p.getByTestId('import-counts')).toContainText('1 article · 2 entity spans');
  await expect(p.getByTestId('import-problem')).toContainText('bad.ann, line 2, column 1');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('article').locator('mark[data-label="PER"]', { hasText: 'سيرغي لافروف' })).toBeVisible();
});

type PyDoc = { text: string; spans: { label: string; start: number; end: number; text: string }[];
  quotes: { start: number; end: number; text: string; speaker: string }[] };

// Zips made by someone else's code: Python's zipfile, with deflated entries, stored entries, and
// deflated entries written to a stream (data descriptors, no sizes in the local headers), in a
// folder with an Arabic name. The user sees every article, span and quote at its offsets.
for (const method of ['deflated', 'stored', 'streamed']) {
  test(`a brat zip written by Python's zipfile (${method}) imports with its articles, spans and quote`, async ({ page }, testInfo) => {
    const zipPath = testInfo.outputPath(`python-brat-${method}.zip`);
    const want: Record<string, PyDoc> = JSON.parse(bratZipPy(['write', zipPath, method]));
    expect(Object.keys(want)).toEqual(['ar-wire', 'en-wire']);
    await page.goto('/');
    await expect(page.getByTestId('doc-link').first()).toBeVisible();
    const before = await page.getByTestId('doc-link').count();
    const p = await preview(page, zipPath);
    await expect(p.getByTestId('import-source')).toHaveAttribute('data-format', 'brat');
    await expect(p.getByTestId('import-counts')).toContainText('2 articles · 7 entity spans');
    await expect(p.getByTestId('import-counts')).toContainText(/1 quotes? \(1 with a speaker\)/);
    await expect(p.getByTestId('import-problem')).toHaveCount(0);
    await p.getByTestId('import-as-editor').check();
    await page.getByTestId('import-confirm').click();
    await expect(p).toBeHidden();
    await expect(page.getByTestId('doc-link')).toHaveCount(before + 2);
    for (const [stem, doc] of Object.entries(want)) {
      await page.locator(`[data-testid="doc-link"][data-doc-id="${stem}"]`).click();
      const art = page.getByTestId('article');
      for (const s of doc.spans) {
        const m = art.locator(`mark[data-label="${s.label}"][data-start="${s.start}"][data-end="${s.end}"]`);
        await expect(m, `${method}: ${stem} ${s.label} ${s.text}`).toHaveText(s.text);
        await expect(m).toHaveAttribute('data-origin', 'editor');
      }
      for (const q of doc.quotes) {
        // The quote is in the text, linked to its speaker: hovering it emphasises the speaker's mark.
        const quote = art.locator(`[data-quote-start="${q.start}"][data-quote-end="${q.end}"]`);
        await expect(quote).toHaveText(q.text);
        const id = await quote.getAttribute('data-quote-id');
        await quote.hover();
        await expect(art.locator(`mark.active[data-speaker-of~="${id}"]`)).toHaveText(q.speaker);
      }
    }
    // The texts are the files' to the code point (emoji, CRLF): as the project download has them.
    const docs = await libraryDocs(page);
    for (const [stem, doc] of Object.entries(want)) {
      expect(docs.find((d) => d.id === stem)?.text, stem).toBe(doc.text);
    }
  });
}

// brat marks a quote's speaker in the text without naming it (no speaker_name): "Who said what"
// names the speaker by those words, not "Unattributed".
test('a quote imported from brat with its speaker is listed under that speaker in "Who said what"', async ({ page }, testInfo) => {
  const zipPath = testInfo.outputPath('python-brat.zip');
  const want: Record<string, PyDoc> = JSON.parse(bratZipPy(['write', zipPath, 'deflated']));
  const q = want['ar-wire'].quotes[0];
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const p = await preview(page, zipPath);
  await p.getByTestId('import-as-editor').check();
  await page.getByTestId('import-confirm').click();
  await expect(p).toBeHidden();
  await page.locator('[data-testid="doc-link"][data-doc-id="ar-wire"]').click();
  const panel = page.getByTestId('quotes-panel');
  const group = panel.getByTestId('speaker-group').filter({ hasText: q.speaker });
  await expect(group.locator('h4')).toContainText(q.speaker);
  await expect(group.getByTestId('quote-entry').filter({ hasText: q.text.replace(/[«»]/g, '') })).toHaveCount(1, { timeout: 5_000 });
  await expect(panel.getByTestId('speaker-group').filter({ hasText: 'Unattributed' })).toHaveCount(0);
  // The quote's mark names the speaker too (its title), not "unknown speaker".
  await expect(page.getByTestId('article').locator(`[data-quote-start="${q.start}"]`).first()).toHaveAttribute('title', new RegExp(q.speaker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('a large JSONL file is read with a progress bar, can be cancelled, and the page keeps drawing', async ({ page }) => {
  test.setTimeout(180_000);
  // ~24 MB: 8,000 articles of ~3,000 characters with 20 spans each, generated here.
  const dir = mkdtempSync(join(tmpdir(), 'sanad-big-'));
  const path = join(dir, 'big.jsonl');
  const fd = openSync(path, 'w');
  const para = `${ar}\n${en}\n`;
  const body = Array.from({ length: 14 }, () => para).join('');
  const [ps, pe] = at(body, 'لافروف');
  const [es, ee] = at(body, 'Reuters');
  const n = 8000;
  for (let i = 0; i < n; i++) {
    const text = `${body}نسخة ${i}`;
    const spans = Array.from({ length: 10 }, (_, k) => {
      const shift = k * cp(para).length;
      return [{ start: ps + shift, end: pe + shift, label: 'PER' }, { start: es + shift, end: ee + shift, label: 'ORG' }];
    }).flat();
    writeSync(fd, JSON.stringify({ id: `big-${i}`, text, spans }) + '\n');
  }
  closeSync(fd);
  const size = statSync(path).size;
  expect(size).toBeGreaterThan(20 * 1024 * 1024);

  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const before = await page.getByTestId('doc-link').count();
  // Measure the longest gap between animation frames while the file is read.
  await page.evaluate(() => {
    (window as any).__gaps = [];
    let last = performance.now();
    const tick = (t: number) => { (window as any).__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.getByTestId('import-file').setInputFiles(path);
  const bar = page.getByTestId('import-progress');
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(2 * 1024 * 1024);
  expect(Number(await bar.getAttribute('max'))).toBe(size);
  const gaps: number[] = await page.evaluate(() => (window as any).__gaps);
  expect(gaps.length).toBeGreaterThan(5);
  expect(Math.max(...gaps.slice(1))).toBeLessThan(250);
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-reading')).toBeHidden();
  await expect(page.getByTestId('notice').last()).toContainText('Import cancelled');
  await expect(page.getByTestId('doc-link')).toHaveCount(before);

  // Read to the end: the preview counts every article and span.
  await page.getByTestId('import-file').setInputFiles(path);
  const p = page.getByTestId('import-preview');
  await expect(p).toBeVisible({ timeout: 120_000 });
  await expect(p.getByTestId('import-counts')).toContainText(`${n.toLocaleString('en')} articles · ${(n * 20).toLocaleString('en')} entity spans`);
});

test('brat export downloads a zip whose .ann offsets slice each .txt exactly, and Python\'s zipfile reads it', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(fixturePath);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('doc-link').filter({ hasText: 'مسودة' })).toBeVisible();
  await page.getByTestId('export-format').selectOption('brat');
  // Only the articles marked done: the fixture's two (the demo articles are not done).
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(dl.suggestedFilename()).toBe('sanad-export.brat.zip');
  // The download is kept in this test's output folder and read by Python's zipfile too
  // (tests/python/brat_zip.py check: testzip, names, every .txt and .ann against the fixture).
  const saved = testInfo.outputPath('sanad-export.brat.zip');
  await dl.saveAs(saved);
  const py = bratZipPy(['check', saved, fixturePath]);
  expect(py).toContain('brat zip: 3 passed, 0 failed');
  const zip = unzip(readFileSync(saved));
  expect([...zip.keys()].filter((n) => n.endsWith('.txt')).length).toBe(2);
  expect(zip.get('annotation.conf')).toContain('[entities]');
  const done = fixture.documents.filter((d: any) => d.status === 'done');
  let checked = 0;
  for (const want of done) {
    // The demo library has ar-1 and en-1 with other texts: the fixture's came in as ar-1-2, en-1-2.
    const stem = [...zip.keys()].find((n) => n.endsWith('.txt') && zip.get(n) === want.text)!.replace(/\.txt$/, '');
    expect(stem).toBe(`${want.id}-2`);
    const txt = zip.get(`${stem}.txt`)!;
    const tLines = zip.get(`${stem}.ann`)!.split('\n').filter((l) => l.startsWith('T'));
    expect(tLines.length).toBeGreaterThanOrEqual(want.spans.length);
    for (const line of tLines) {
      const [, mid, text] = line.split('\t');
      const frags = mid.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
      expect(frags.map(([s, e]) => slice(txt, s, e)).join(' ')).toBe(text);
      checked++;
    }
    for (const s of want.spans) {
      expect(tLines.some((l) => l.includes(`\t${s.label} ${s.start} ${s.end}\t`))).toBe(true);
    }
  }
  expect(checked).toBeGreaterThan(8);
});

test('a long export shows its progress and can be cancelled; nothing is downloaded', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  // 1,500 articles of about 6,000 characters, with the page's CPU slowed down 20 times (below):
  // several seconds of Prodigy export (it tokenizes), however fast the export itself gets.
  const body = Array.from({ length: 30 }, () => 'قال وزير الخارجية سيرغي لافروف 👍 إن موسكو مستعدة للحوار. Lavrov told Reuters in Genève that talks would resume. ').join('');
  const lines = Array.from({ length: 1500 }, (_, i) => JSON.stringify({ id: `long-${i}`, title: `Long ${i}`, text: `${body}${i}` }));
  await page.getByTestId('import-file').setInputFiles({ name: 'long.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.locator('[data-testid="doc-link"][data-doc-id="long-1499"]')).toBeAttached({ timeout: 30_000 });
  await page.getByTestId('export-format').selectOption('prodigy');
  await page.getByTestId('export-all').check();
  let downloads = 0;
  page.on('download', () => downloads++);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.getByTestId('export-download').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('export-download')).toBeDisabled();
  await expect.poll(async () => Number(await progress.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
  await page.getByTestId('export-cancel').click();
  await expect(progress).toBeHidden();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect(page.getByTestId('notice').last()).toContainText('Export cancelled');
  await expect(page.getByTestId('export-download')).toBeEnabled();
  expect(downloads).toBe(0);
});
