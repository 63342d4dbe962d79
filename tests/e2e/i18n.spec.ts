import { test, expect } from '@playwright/test';

// The interface in Arabic: one switch, remembered across reloads, and the whole layout mirrors.
test('switching the interface to Arabic mirrors the layout and is remembered', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('library').locator('[data-testid=doc-link]').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const libraryBox = async () => (await page.locator('aside.library').boundingBox())!;
  const mainBox = async () => (await page.locator('main.main').boundingBox())!;
  expect((await libraryBox()).x).toBeLessThan((await mainBox()).x);

  await page.getByTestId('ui-lang').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('aside.library h2').first()).toContainText('المكتبة');
  await expect(page.getByTestId('paste-submit')).toHaveText('أضف وافتح');
  // Mirrored: the library is now on the right of the article area.
  expect((await libraryBox()).x).toBeGreaterThan((await mainBox()).x);

  // Remembered.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('ui-lang')).toHaveText('English');

  // The editor in Arabic: edit bar, status and help overlay are translated.
  await page.getByTestId('doc-link').first().click();
  await expect(page.getByTestId('undo')).toHaveText('تراجع');
  await page.getByTestId('help-button').click();
  await expect(page.getByTestId('help')).toContainText('اختصارات لوحة المفاتيح');
  const help = (await page.getByTestId('help').boundingBox())!;
  expect(help.width).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  // What an edit did is said in Arabic too, in the status line and for undo.
  const mark = page.getByTestId('article').locator('mark[data-label]').first();
  const label = await mark.getAttribute('data-label');
  await mark.click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('edit-status')).toContainText(`حُذف ${label}`);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('edit-status')).toContainText('تم التراجع: حُذف');

  // And back.
  await page.getByTestId('ui-lang').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('undo')).toHaveText('Undo');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

// Counts take the plural form their number calls for, numbers are written for the language, and a
// notice is worded when shown: one shown before a language switch reads in the new language.
test('plural forms and numbers in English and Arabic; notices follow a language switch', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await expect(page.getByTestId('project-name')).toHaveText('My library');
  // One pasted article: the singular.
  await page.getByTestId('paste-text').fill('A short note about the harbour in Esbjerg and its new turbines.');
  await page.getByTestId('paste-submit').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Pasted text' })).toContainText('Pasted text: 1 article added');

  // In Arabic: the same notice, and the top bar's project name.
  await page.getByTestId('ui-lang').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'نص ملصوق' })).toContainText('نص ملصوق: أضيف مقالة واحدة');
  await expect(page.getByTestId('project-name')).toHaveText('مكتبتي');

  // Three articles with eleven entity spans: Arabic's "few" (مقالات) and "many" (كيانًا) forms,
  // with Arabic-Indic digits.
  const text = 'Lavrov met Rubio in Riyadh and Doha on Monday.';
  const span = (w: string, label: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label });
  const all = [span('Lavrov', 'PER'), span('Rubio', 'PER'), span('Riyadh', 'LOC'), span('Doha', 'LOC')];
  const lines = [all, all, all.slice(0, 3)].map((spans, i) => JSON.stringify({ id: `plural-${i}`, title: `Plural ${i}`, text, spans }));
  await page.getByTestId('import-file').setInputFiles({ name: 'plural.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-counts')).toContainText('٣ مقالات · ١١ كيانًا موسومًا');
  await expect(preview.getByTestId('import-confirm')).toHaveText('استورد ٣ مقالات');
  await preview.getByTestId('import-confirm').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'plural.jsonl' })).toContainText('plural.jsonl: أضيف ٣ مقالات');
  // A document's row: "4 entities" is few in Arabic.
  await expect(page.getByTestId('doc-link').filter({ hasText: 'Plural 0' })).toContainText('٤ كيانات');

  // Back in English, every notice in English, plurals and all.
  await page.getByTestId('ui-lang').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'plural.jsonl' })).toContainText('plural.jsonl: 3 articles added');
  await expect(page.getByTestId('notice').filter({ hasText: 'Pasted text' })).toContainText('Pasted text: 1 article added');
  await expect(page.getByTestId('project-name')).toHaveText('My library');
});
