// Correcting labels and quotes with the mouse and the keyboard, with undo and redo, on an English
// and an Arabic article; every edit survives a reload.
import { test, expect, Page } from '@playwright/test';
import { dragSelect, open, mark } from './helpers';

test('English: label a selection with the picker, relabel, delete, undo and redo, reload', async ({ page }) => {
  await open(page, 'Esbjerg');
  await dragSelect(page, 'turbines');
  await expect(page.getByTestId('label-picker')).toBeVisible();
  await page.getByTestId('pick-MISC').click();
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(1);
  await expect(mark(page, 'MISC', 'turbines')).toHaveAttribute('data-origin', 'editor');
  // Keyboard: undo, redo.
  await page.keyboard.press('Control+z');
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(1);
  // Click to select, a digit relabels (2 = ORG), Delete removes, Ctrl+Y redoes after undo.
  await mark(page, 'MISC', 'turbines').click();
  await expect(page.getByTestId('edit-status')).toContainText('Selected MISC');
  await page.keyboard.press('2');
  await expect(mark(page, 'ORG', 'turbines')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(mark(page, 'ORG', 'turbines')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(mark(page, 'ORG', 'turbines')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(mark(page, 'ORG', 'turbines')).toHaveCount(1);
  // Boundary keys, in logical order: `,` moves the start one word earlier, `>` the end later,
  // Alt+`.` the start one character later; each is one undo step.
  await mark(page, 'ORG', 'turbines').click();
  await page.keyboard.press(',');
  await expect(mark(page, 'ORG', 'wind turbines')).toHaveCount(1);
  await page.keyboard.press('Alt+.');
  await expect(mark(page, 'ORG', 'ind turbines')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(mark(page, 'ORG', 'turbines')).toHaveCount(1);
  // Apply to all mentions: every other "offshore" gets the label too, as one undoable step.
  await dragSelect(page, 'offshore');
  await page.getByTestId('pick-MISC').click();
  const offshore = page.getByTestId('article').locator('mark[data-label="MISC"]', { hasText: /^offshore$/ });
  await expect(offshore).toHaveCount(1);
  await offshore.click();
  await page.keyboard.press('a');
  await expect(page.getByTestId('edit-status')).toContainText(/more mention/);
  const all = await offshore.count();
  expect(all).toBeGreaterThan(1);
  await page.keyboard.press('Control+z');
  await expect(offshore).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(offshore).toHaveCount(0);
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(mark(page, 'ORG', 'turbines')).toHaveCount(1);
});

test('Arabic: a right-to-left drag and a digit key label the whole word; Tab walks spans in reading order', async ({ page }) => {
  await open(page, 'الصويرة');
  await dragSelect(page, 'الصنابير');
  await page.keyboard.press('4');
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
  // Tab from nothing selects the first span in reading order (logical order, also in RTL).
  await page.keyboard.press('Escape');
  await page.getByTestId('article-view').focus();
  await page.keyboard.press('Tab');
  const first = page.getByTestId('article').locator('mark.selected');
  await expect(first).toHaveCount(1);
  const starts = await page.getByTestId('article').locator('mark[data-tag]').evaluateAll((ms) => ms.map((m) => Number(m.getAttribute('data-start'))));
  expect(Number(await first.getAttribute('data-start'))).toBe(Math.min(...starts));
  await page.keyboard.press('Tab');
  const second = Number(await page.getByTestId('article').locator('mark.selected').first().getAttribute('data-start'));
  expect(second).toBeGreaterThanOrEqual(Math.min(...starts));
  await page.keyboard.press('Shift+Tab');
  expect(Number(await page.getByTestId('article').locator('mark.selected').first().getAttribute('data-start'))).toBe(Math.min(...starts));
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
});

test('quotes: make one from a selection with Q, choose its speaker by clicking an entity, change kind, move a boundary, delete', async ({ page }) => {
  await open(page, 'Esbjerg');
  const panel = page.getByTestId('quotes-panel');
  const before = await panel.getByTestId('quote-entry').count();
  await dragSelect(page, 'the next generation of offshore wind turbines');
  await page.keyboard.press('q');
  await expect(panel.getByTestId('quote-entry')).toHaveCount(before + 1);
  const tools = panel.getByTestId('quote-tools');
  await expect(tools).toBeVisible();
  // The new quote is unattributed until a speaker is chosen in the text.
  await expect(panel.getByTestId('speaker-group').filter({ hasText: 'Unattributed' })).toContainText('the next generation of offshore wind turbines');
  await tools.getByTestId('quote-pick-speaker').click();
  const speaker = page.getByTestId('article').locator('mark[data-label="PER"][data-tag]').first();
  const speakerText = (await speaker.textContent())!;
  await speaker.click();
  const group = panel.getByTestId('speaker-group').filter({ hasText: 'the next generation of offshore wind turbines' });
  await expect(group.locator('h4')).not.toContainText('Unattributed');
  // The speaker is linked in the text: hovering the new quote emphasises that entity.
  await expect(page.getByTestId('article').locator('mark[data-speaker-of]', { hasText: speakerText }).first()).toBeVisible();
  // Kind, boundary, delete, each undoable.
  await panel.getByTestId('quote-entry').filter({ hasText: 'the next generation of offshore wind turbines' }).click();
  await panel.getByTestId('quote-kind').selectOption('direct');
  await expect(panel.getByTestId('quote-entry').filter({ hasText: 'the next generation of offshore wind turbines' })).toContainText('direct');
  await panel.getByTestId('quote-end-earlier').click();
  await expect(panel.getByTestId('quote-entry').filter({ hasText: /^direct\s*the next generation of offshore wind$/ })).toHaveCount(1);
  await page.getByTestId('undo').click();
  await expect(panel.getByTestId('quote-entry').filter({ hasText: 'the next generation of offshore wind turbines' })).toHaveCount(1);
  await panel.getByTestId('quote-entry').filter({ hasText: 'the next generation of offshore wind turbines' }).click();
  await panel.getByTestId('quote-delete').click();
  await expect(panel.getByTestId('quote-entry')).toHaveCount(before);
  await page.getByTestId('undo').click();
  await expect(panel.getByTestId('quote-entry')).toHaveCount(before + 1);
});
