// Keyboard-only selection: Shift+arrows extend a selection in reading order (logical order, also
// in Arabic paragraphs), the picker appears, and a digit labels it; undo and reload.
import { test, expect, Page } from '@playwright/test';
import { open } from './helpers';

/** The first `n` words of the article's first paragraph (punctuation at their ends dropped). */
const firstWords = (page: Page, n: number) =>
  page.getByTestId('article').locator('p').first().evaluate((p, n) =>
    p.textContent!.trim().split(/\s+/).slice(0, n).join(' ').replace(/[«»"“”.,،:؛]+$/u, ''), n);

for (const [title, lang] of [['Esbjerg', 'English'], ['الصويرة', 'Arabic']] as const) {
  test(`${lang}: select the first words with Ctrl+Shift+Right and label them with a digit, by keyboard only`, async ({ page }) => {
    await open(page, title);
    await page.getByTestId('article-view').focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('help')).toContainText('Shift+→');
    await page.keyboard.press('Escape');
    const two = await firstWords(page, 2);
    // Nothing selected: the selection starts at the first paragraph and grows a word at a time,
    // forward in reading order (in the Arabic article that is leftwards on screen).
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await expect(page.getByTestId('label-picker')).toBeVisible();
    await page.keyboard.press('4');
    const made = page.getByTestId('article').locator('mark[data-label="MISC"][data-origin="editor"]', { hasText: new RegExp(`^${two}$`) });
    await expect(made).toHaveCount(1);
    expect(Number(await made.getAttribute('data-start'))).toBe(0);
    // Shift+Left takes back a character; Shift+Right by characters snaps to the whole word.
    await page.keyboard.press('Control+z');
    await expect(made).toHaveCount(0);
    await page.getByTestId('article-view').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('5');
    const one = await firstWords(page, 1);
    const word = page.getByTestId('article').locator('mark[data-label="DATE"][data-origin="editor"]', { hasText: new RegExp(`^${one}$`) });
    await expect(word).toHaveCount(1);
    await page.waitForTimeout(1200);
    await page.reload();
    await expect(word).toHaveCount(1);
  });
}

test('a long sequence: twelve relabels by Tab and digits, all undone, all redone, kept after reload', async ({ page }) => {
  await open(page, 'الصويرة');
  await page.getByTestId('article-view').focus();
  const labels = ['PER', 'ORG', 'LOC', 'MISC', 'DATE'];
  const ids: string[] = [];
  const before: string[] = [];
  const after: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const sel = page.getByTestId('article').locator('mark.selected').first();
    await expect(sel).toHaveCount(1);
    const id = (await sel.getAttribute('data-span-id'))!;
    if (ids.includes(id)) break;
    const label = (await sel.getAttribute('data-label'))!;
    const next = labels[(labels.indexOf(label) + 1) % labels.length];
    ids.push(id);
    before.push(label);
    after.push(next);
    await page.keyboard.press(String(labels.indexOf(next) + 1));
    await expect(page.getByTestId('article').locator(`mark[data-span-id="${id}"][data-tag]`)).toHaveAttribute('data-label', next);
  }
  expect(ids.length).toBeGreaterThanOrEqual(8);
  const labelOf = (id: string) => page.getByTestId('article').locator(`mark[data-span-id="${id}"][data-tag]`);
  for (let i = 0; i < ids.length; i++) await page.keyboard.press('Control+z');
  for (let i = 0; i < ids.length; i++) await expect(labelOf(ids[i])).toHaveAttribute('data-label', before[i]);
  for (let i = 0; i < ids.length; i++) await page.keyboard.press(i % 2 ? 'Control+y' : 'Control+Shift+Z');
  for (let i = 0; i < ids.length; i++) await expect(labelOf(ids[i])).toHaveAttribute('data-label', after[i]);
  await page.waitForTimeout(1200);
  await page.reload();
  for (let i = 0; i < ids.length; i++) await expect(labelOf(ids[i])).toHaveAttribute('data-label', after[i]);
});
