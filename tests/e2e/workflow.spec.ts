// Document status, "done, next", the key help, and exports downloaded from the page.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('mark done and move on; the library counts it; the key help lists the bindings', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('doc-link').filter({ hasText: 'Esbjerg' }).click();
  await expect(page.getByTestId('tag-status')).toBeVisible();
  await page.getByTestId('article-view').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toContainText('Ctrl+Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  // The next article (not done) is open, and the first one is done in the library.
  await expect(page.getByTestId('article-title')).toHaveText(/Small online shops/);
  const esbjerg = page.getByTestId('doc-link').filter({ hasText: 'Esbjerg' });
  await expect(esbjerg.getByTestId('doc-status-badge')).toHaveText('done');
  await expect(page.locator('.library h2').first()).toContainText('1 done');
  // Status can also be set from the menu, and survives a reload.
  await page.getByTestId('doc-status').selectOption('skipped');
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.getByTestId('doc-link').filter({ hasText: 'Small online shops' }).getByTestId('doc-status-badge')).toHaveText('skipped');
});

test('exports download with code point offsets that slice the text exactly (Arabic, emoji)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  // Only done articles by default: none yet, so a clear message.
  await page.getByTestId('export-format').selectOption('prodigy');
  await page.getByTestId('export-download').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Nothing to export' })).toBeVisible();
  // All articles, Prodigy JSONL.
  await page.getByTestId('export-all').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toBe('sanad-export.prodigy.jsonl');
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.length).toBe(6);
  let checked = 0;
  for (const rec of lines) {
    const cps = [...rec.text];
    for (const sp of rec.spans) {
      expect(sp.end).toBeGreaterThan(sp.start);
      expect(cps.slice(sp.start, sp.end).join('').trim().length).toBeGreaterThan(0);
      const toks = rec.tokens;
      expect(toks[sp.token_start].start).toBe(sp.start);
      expect(toks[sp.token_end].end).toBe(sp.end);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(100);
  await expect(page.getByTestId('notice').filter({ hasText: 'Exported 6 articles' })).toBeVisible();
  // The lossless project JSON says its offset unit.
  await page.getByTestId('export-format').selectOption('sanad');
  const [proj] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const p = JSON.parse(readFileSync(await proj.path(), 'utf8'));
  expect(p.format).toBe('sanad-project');
  expect(p.offset_unit).toBe('codepoint');
  expect(p.documents.length).toBe(6);
  // The UTF-16 variant is labelled as such.
  await page.getByTestId('export-format').selectOption('jsonl');
  await page.getByTestId('export-utf16').check();
  const [u16] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(u16.suggestedFilename()).toBe('sanad-export-utf16.jsonl.jsonl');
  const first = JSON.parse(readFileSync(await u16.path(), 'utf8').split('\n')[0]);
  expect(first.offset_unit).toBe('utf16');
  for (const sp of first.spans) expect(first.text.slice(sp.start, sp.end)).toBe(sp.text);
});

test('CoNLL export: Arabic proclitics become tokens of their own when chosen; every entity keeps its word', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await page.getByTestId('export-all').check();
  await expect(page.getByTestId('export-split-clitics')).toHaveCount(0);
  await page.getByTestId('export-format').selectOption('conll');
  const conll = async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    return readFileSync(await dl.path(), 'utf8').split('\n').filter((l) => l && !l.startsWith('-DOCSTART-')).map((l) => l.split('\t'));
  };
  const whole = await conll();
  await page.getByTestId('export-split-clitics').check();
  const split = await conll();
  // Every token of the plain export is there, some cut in two: a one-letter proclitic, then its word.
  expect(split.length).toBeGreaterThan(whole.length);
  const clitics = split.filter(([tok], i) => ['و', 'ف', 'ب', 'ل', 'ك'].includes(tok) && split[i + 1] && /^[\u0600-\u06FF]{3,}/.test(split[i + 1][0]));
  expect(clitics.length).toBe(split.length - whole.length);
  expect(split.map(([t]) => t).join('')).toBe(whole.map(([t]) => t).join(''));
  // The same entities in the same order: a proclitic is never cut off a span's first token (the
  // span's edge already decides it), so every B- tag stays on its word.
  const begins = (rows: string[][]) => rows.map(([, tag]) => tag).filter((t) => t.startsWith('B-'));
  expect(begins(split)).toEqual(begins(whole));
  expect(begins(split).length).toBeGreaterThan(50);
});
