// Training-data formats in the page: brat export as a zip of .txt + .ann files whose offsets
// slice the text exactly (Arabic clitics, ZWJ emoji, CRLF).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const fixturePath = resolve(__dirname, '../fixtures/formats/fixture.json');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
const cp = (s: string) => [...s];
const slice = (t: string, a: number, b: number) => cp(t).slice(a, b).join('');

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

test('brat export downloads a zip whose .ann offsets slice each .txt exactly', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(fixturePath);
  await expect(page.getByTestId('doc-link').filter({ hasText: 'مسودة' })).toBeVisible();
  await page.getByTestId('export-format').selectOption('brat');
  // Only the articles marked done: the fixture's two (the demo articles are not done).
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(dl.suggestedFilename()).toBe('sanad-export.brat.zip');
  const zip = unzip(readFileSync((await dl.path())!));
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
  // 1,500 articles of about 6,000 characters: a few seconds of Prodigy export (it tokenizes).
  const body = Array.from({ length: 30 }, () => 'قال وزير الخارجية سيرغي لافروف 👍 إن موسكو مستعدة للحوار. Lavrov told Reuters in Genève that talks would resume. ').join('');
  const lines = Array.from({ length: 1500 }, (_, i) => JSON.stringify({ id: `long-${i}`, title: `Long ${i}`, text: `${body}${i}` }));
  await page.getByTestId('import-file').setInputFiles({ name: 'long.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.locator('[data-testid="doc-link"][data-doc-id="long-1499"]')).toBeAttached({ timeout: 30_000 });
  await page.getByTestId('export-format').selectOption('prodigy');
  await page.getByTestId('export-all').check();
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('export-download').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('export-download')).toBeDisabled();
  await expect.poll(async () => Number(await progress.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
  await page.getByTestId('export-cancel').click();
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('notice').last()).toContainText('Export cancelled');
  await expect(page.getByTestId('export-download')).toBeEnabled();
  expect(downloads).toBe(0);
});
