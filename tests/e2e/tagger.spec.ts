// Entity suggestions from the in-page tagger (Web Worker), on real Arabic news text.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEED, hasShared, needsShared, pasteSeed } from './shared';

// The seed article is in ../shared: the tests that paste it skip themselves (by name) without it.
const demo: { lang: string; text: string }[] =
  JSON.parse(readFileSync(resolve(__dirname, '../../demo/library.json'), 'utf8')).documents;
const arabicDemo = demo.filter((d) => d.lang === 'ar').map((d) => d.text).join('\n');

test('pasting the seed article shows model suggestions for people, places and organisations', async ({ page }) => {
  test.skip(!hasShared(SEED), needsShared(SEED));
  await pasteSeed(page);
  const article = page.getByTestId('article');
  const suggested = (label: string, text: string) =>
    article.locator(`mark.suggested[data-label="${label}"][data-origin="model"]`, { hasText: text });
  await expect(suggested('PER', 'لافروف').first()).toBeVisible();
  await expect(suggested('LOC', 'كازاخستان').first()).toBeVisible();
  await expect(suggested('ORG', 'الاتحاد الأوروبي').first()).toBeVisible();
  // Confidence is shown on hover (the mark's title).
  await expect(suggested('PER', 'لافروف').first()).toHaveAttribute('title', /PER · suggested · confidence \d+%/);
  // Suggestions persist like any other change.
  const count = await article.locator('mark[data-origin="model"]').count();
  await page.reload();
  await expect(page.getByTestId('article').locator('mark[data-origin="model"]')).toHaveCount(count);
});

test('an Arabic article with an English paragraph gets each paragraph tagged by the model of its language', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const mixed = [
    'موسكو تنتقد بروكسل',
    'قال وزير الخارجية الروسي سيرغي لافروف إن الاتحاد الأوروبي يحاول علناً التدخل في شؤون كازاخستان.',
    'Foreign Minister Sergei Lavrov told reporters in Moscow that the European Union was interfering.',
    'وأضاف لافروف أن روسيا سترد.',
  ].join('\n');
  await page.getByTestId('paste-text').fill(mixed);
  await page.getByTestId('paste-submit').click();
  await expect(page.getByTestId('tag-status')).toBeVisible();
  const article = page.getByTestId('article');
  const suggested = (label: string, text: string) =>
    article.locator(`mark.suggested[data-label="${label}"][data-origin="model"]`, { hasText: text });
  await expect(suggested('PER', 'لافروف').first()).toBeVisible();
  await expect(suggested('PER', 'Lavrov').first()).toBeVisible();
  await expect(suggested('LOC', 'Moscow').first()).toBeVisible();
});

test('tagging a demo article adds suggestions but never replaces the editor\'s spans', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('doc-link').filter({ hasText: 'Esbjerg' }).click();
  const article = page.getByTestId('article');
  const editorBefore = await article.locator('mark[data-origin="editor"][data-tag]').evaluateAll((ms) =>
    ms.map((m) => `${m.getAttribute('data-start')}-${m.getAttribute('data-end')}-${m.getAttribute('data-label')}`));
  await expect(page.getByTestId('tag-status')).toBeVisible();
  const editorAfter = await article.locator('mark[data-origin="editor"][data-tag]').evaluateAll((ms) =>
    ms.map((m) => `${m.getAttribute('data-start')}-${m.getAttribute('data-end')}-${m.getAttribute('data-label')}`));
  expect(editorAfter).toEqual(editorBefore);
  // No suggestion overlaps an editor span.
  const overlaps = await article.evaluate((a) => {
    const r = (m: Element) => [Number(m.getAttribute('data-start')), Number(m.getAttribute('data-end'))];
    const ed = [...a.querySelectorAll('mark[data-origin="editor"]')].map(r);
    const mo = [...a.querySelectorAll('mark[data-origin="model"]')].map(r);
    return mo.filter(([s, e]) => ed.some(([s2, e2]) => s < e2 && s2 < e)).length;
  });
  expect(overlaps).toBe(0);
});

test('importing many articles shows a progress bar that can be cancelled', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const before = await page.getByTestId('doc-link').count();
  // 60 articles of ~11,000 characters each (the three Arabic demo texts, twice): several seconds
  // of tagging, one article at a time.
  const body = Array.from({ length: 2 }, () => arabicDemo).join('\n');
  const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `bulk-${i}`, title: `Bulk ${i}`, text: `${body}\nنسخة ${i}` }));
  await page.getByTestId('import-file').setInputFiles({ name: 'bulk.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('doc-link')).toHaveCount(before + 60);
  const progress = page.getByTestId('tag-progress');
  await expect(progress).toBeVisible();
  await expect(progress.locator('progress')).toHaveAttribute('max', '60');
  await page.getByTestId('tag-cancel').click();
  await expect(progress).toBeHidden();
  // The page stayed responsive throughout: the library is usable right away.
  await page.getByTestId('doc-link').filter({ hasText: 'Bulk 59' }).click();
  await expect(page.getByTestId('article-title')).toHaveText('Bulk 59');
});

test('quotes found in the seed article are linked to their speakers, and a speaker can be changed', async ({ page }) => {
  test.skip(!hasShared(SEED), needsShared(SEED));
  await pasteSeed(page);
  const panel = page.getByTestId('quotes-panel');
  const entries = panel.getByTestId('quote-entry');
  // Peskov's reported statement with the quoted fragment "مستقلة" is one mixed quote.
  await expect(entries.filter({ hasText: 'مستقلة' })).toContainText('mixed · suggested');
  // Lavrov's reported statement about the European Union, attributed to him.
  const lavrov = panel.getByTestId('speaker-group').filter({ hasText: 'سيرغي لافروف' });
  const eu = lavrov.getByTestId('quote-entry').filter({ hasText: 'الاتحاد الأوروبي يحاول علناً' });
  await expect(eu).toHaveCount(1);
  // In the text the quote is linked to the speaker's mark: hovering the quote emphasises it.
  const k = await eu.getAttribute('data-quote-id');
  await page.getByTestId('article').locator(`[data-quote-id="${k}"]`).first().hover();
  await expect(page.getByTestId('article').locator('mark.active[data-speaker-of]').first()).toContainText('لافروف');
  // Change the speaker: choose in the text, click another person; undo restores it.
  await eu.click();
  await panel.getByTestId('quote-pick-speaker').click();
  await page.getByTestId('article').locator('mark[data-label="PER"]', { hasText: 'ماكرون' }).first().click();
  await expect(panel.getByTestId('speaker-group').filter({ hasText: 'ماكرون' }).getByTestId('quote-entry'))
    .toContainText('الاتحاد الأوروبي يحاول علناً');
  await page.getByTestId('undo').click();
  await expect(panel.getByTestId('speaker-group').filter({ hasText: 'سيرغي لافروف' }).getByTestId('quote-entry')
    .filter({ hasText: 'الاتحاد الأوروبي يحاول علناً' })).toHaveCount(1);
});
