// "Who said what": one row per person, and the editor's merge and split, on the real Arabic seed
// article (pasted, so its quotes and speakers are the in-page tagger's and detector's).
import { test, expect, type Locator, type Page } from '@playwright/test';
import { SEED, hasShared, needsShared, pasteSeed } from './shared';

/** The row titled `name` (its title only, not its quotes' text). */
const row = (panel: Locator, page: Page, name: string) =>
  panel.getByTestId('speaker-group').filter({ has: page.getByTestId('speaker-name').filter({ hasText: name }) });

test('the seed article shows Lavrov once under both spellings; a quote split off, merged back, and undone with Ctrl+Z', async ({ page }) => {
  test.skip(!hasShared(SEED), needsShared(SEED));
  const seed = await pasteSeed(page);
  // The article writes the minister's name both ways.
  expect(seed).toContain('سيرغي لافروف');
  expect(seed).toContain('سيرجي لافروف');
  const panel = page.getByTestId('quotes-panel');
  const lavrov = row(panel, page, 'سيرغي لافروف');

  // One row for the person, its other spellings written small under the name; no row of its own
  // for the other spelling.
  await expect(lavrov).toHaveCount(1);
  await expect(lavrov.getByTestId('speaker-also')).toContainText('also written:');
  await expect(lavrov.getByTestId('speaker-also')).toContainText('سيرجي لافروف');
  await expect(panel.getByTestId('speaker-name').filter({ hasText: 'سيرجي' })).toHaveCount(0);
  const n = await lavrov.getByTestId('quote-entry').count();
  expect(n).toBeGreaterThanOrEqual(2);
  await expect(lavrov.getByTestId('speaker-count')).toHaveText(`${n} quotes`);
  const rowsBefore = await panel.getByTestId('speaker-group').count();
  const moved = lavrov.locator('li').last();
  const movedText = (await moved.getByTestId('quote-entry').locator('.q-text').textContent()) ?? '';
  expect(movedText.length).toBeGreaterThan(10);

  // Split, by keyboard: select the last quote (Space on its box), "Someone else…" (Enter).
  await moved.getByTestId('quote-check').focus();
  await page.keyboard.press('Space');
  await expect(moved.getByTestId('quote-check')).toBeChecked();
  await lavrov.getByTestId('speaker-split').focus();
  await page.keyboard.press('Enter');
  const field = lavrov.getByTestId('speaker-name-input');
  await expect(field).toBeFocused();
  // The surname alone would put the quote back in this row: refused, with the reason, nothing changed.
  await page.keyboard.type('لافروف');
  await page.keyboard.press('Enter');
  await expect(lavrov.getByTestId('speaker-form-error')).toContainText('is part of سيرغي لافروف');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(lavrov.getByTestId('quote-entry')).toHaveCount(n);
  // A full name makes a new row holding that quote.
  await field.fill('ماريا زاخاروفا');
  await page.keyboard.press('Enter');
  const other = row(panel, page, 'ماريا زاخاروفا');
  await expect(other.getByTestId('quote-entry')).toHaveCount(1);
  await expect(other.getByTestId('quote-entry')).toContainText(movedText.slice(0, 30));
  await expect(other.getByTestId('speaker-count')).toHaveText('1 quote');
  await expect(lavrov.getByTestId('quote-entry')).toHaveCount(n - 1);
  await expect(panel.getByTestId('speaker-group')).toHaveCount(rowsBefore + 1);
  await expect(page.getByTestId('edit-status')).toContainText('ماريا زاخاروفا');

  // Merge it back: select both rows, keep Lavrov's name, "Same person".
  await other.getByTestId('speaker-select').check();
  await lavrov.getByTestId('speaker-select').check();
  const bar = panel.getByTestId('merge-bar');
  await expect(bar).toContainText('2 rows selected');
  await bar.getByTestId('merge-target').selectOption({ label: 'سيرغي لافروف' });
  await bar.getByTestId('speakers-merge').click();
  await expect(lavrov.getByTestId('quote-entry')).toHaveCount(n);
  await expect(row(panel, page, 'ماريا زاخاروفا')).toHaveCount(0);
  await expect(panel.getByTestId('speaker-group')).toHaveCount(rowsBefore);
  await expect(bar).toHaveCount(0);

  // Ctrl+Z undoes the merge (the split's row is back), then the split (one row, as pasted).
  await page.keyboard.press('Control+z');
  await expect(row(panel, page, 'ماريا زاخاروفا').getByTestId('quote-entry')).toHaveCount(1);
  await expect(lavrov.getByTestId('quote-entry')).toHaveCount(n - 1);
  await expect(page.getByTestId('edit-status')).toContainText('Undone');
  // The focus stays in the panel (on its heading, inside the article), so Ctrl+Z is heard again.
  await expect(panel.locator('h3')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(row(panel, page, 'ماريا زاخاروفا')).toHaveCount(0);
  await expect(lavrov.getByTestId('quote-entry')).toHaveCount(n);
  await expect(lavrov.getByTestId('speaker-also')).toContainText('سيرجي لافروف');
  await expect(panel.getByTestId('speaker-group')).toHaveCount(rowsBefore);
  // Ctrl+Y redoes the split; from a row's box too (the row stays, so its box keeps the focus).
  await expect(panel.locator('h3')).toBeFocused();
  await lavrov.getByTestId('speaker-select').focus();
  await page.keyboard.press('Control+y');
  await expect(lavrov.getByTestId('speaker-select')).toBeFocused();
  await expect(row(panel, page, 'ماريا زاخاروفا').getByTestId('quote-entry')).toHaveCount(1);
});

test('a row renamed in the Arabic interface keeps its quotes, and the automatic name comes back', async ({ page }) => {
  test.skip(!hasShared(SEED), needsShared(SEED));
  await pasteSeed(page);
  await page.getByTestId('ui-lang').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const panel = page.getByTestId('quotes-panel');
  const lavrov = row(panel, page, 'سيرغي لافروف');
  const n = await lavrov.getByTestId('quote-entry').count();
  await expect(lavrov.getByTestId('speaker-also')).toContainText('يُكتب أيضًا:');
  await lavrov.getByTestId('speaker-rename').click();
  const field = lavrov.getByTestId('speaker-name-input');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('سيرغي لافروف');
  await field.fill('وزير الخارجية الروسي سيرغي لافروف');
  await field.press('Enter');
  const renamed = row(panel, page, 'وزير الخارجية الروسي سيرغي لافروف');
  await expect(renamed.getByTestId('quote-entry')).toHaveCount(n);
  await renamed.getByTestId('speaker-automatic').click();
  await expect(lavrov.getByTestId('quote-entry')).toHaveCount(n);
  await expect(row(panel, page, 'وزير الخارجية الروسي')).toHaveCount(0);
});

test('a demo article (no ../shared needed): one row per person, renamed, then Ctrl+Z gives the name back', async ({ page }) => {
  // demo/articles/en-1.txt names its chief executive "Mette Lindqvist" once and "Lindqvist" after,
  // in five quotes; the union worker "Jonas Friis" / "Friis" in three.
  await page.goto('/#doc=en-1');
  const panel = page.getByTestId('quotes-panel');
  const lindqvist = row(panel, page, 'Mette Lindqvist');
  await expect(lindqvist).toHaveCount(1);
  await expect(lindqvist.getByTestId('quote-entry')).toHaveCount(5);
  await expect(lindqvist.getByTestId('speaker-count')).toHaveText('5 quotes');
  await expect(panel.getByTestId('speaker-name').filter({ hasText: /^Lindqvist$/ })).toHaveCount(0);
  await expect(row(panel, page, 'Jonas Friis').getByTestId('quote-entry')).toHaveCount(3);
  await expect(panel.getByTestId('speaker-name').filter({ hasText: /^Friis$/ })).toHaveCount(0);
  const rows = await panel.getByTestId('speaker-group').count();

  await lindqvist.getByTestId('speaker-rename').click();
  const field = lindqvist.getByTestId('speaker-name-input');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Mette Lindqvist');
  await field.fill('Mette Lindqvist, chief executive');
  await field.press('Enter');
  const renamed = row(panel, page, 'Mette Lindqvist, chief executive');
  await expect(renamed.getByTestId('quote-entry')).toHaveCount(5);
  await expect(panel.getByTestId('speaker-group')).toHaveCount(rows);

  await panel.locator('h3').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('edit-status')).toContainText('Undone');
  await expect(renamed).toHaveCount(0);
  await expect(lindqvist.getByTestId('quote-entry')).toHaveCount(5);
  await expect(panel.getByTestId('speaker-group')).toHaveCount(rows);
});
