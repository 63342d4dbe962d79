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

// The core's errors are typed and worded by the page: in Arabic a refused file is told in Arabic,
// with its file, line and column in Arabic digits, and the values that are not ours (serde_json's
// message) quoted; a notice shown in English is worded again in Arabic after the switch.
test('errors are worded in the interface language with their file, line and column; a notice rewords after a switch', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  // A notice's words (without its dismiss button).
  const notice = (name: string) => page.getByTestId('notice').filter({ hasText: name }).locator('span').first();

  // In English: a JSONL file whose one record is broken JSON is refused, in the CLI's words.
  await page.getByTestId('import-file').setInputFiles(file('broken.jsonl', '{"id": "b1", "text": "Lavrov spoke."\n'));
  await expect(notice('broken.jsonl')).toContainText(/broken\.jsonl, line 1, column \d+: “[^”]+”; expected one JSON object per line/);

  // Switched to Arabic, the same notice is worded in Arabic: file, line and column, serde_json's
  // own message quoted.
  await page.getByTestId('ui-lang').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(notice('broken.jsonl')).toContainText(
    /الملف broken\.jsonl، السطر ١، العمود [٠-٩]+: JSON غير صالح: «[^»]+»؛ المتوقع كائن JSON واحد في كل سطر/);
  await expect(notice('broken.jsonl')).not.toContainText('expected one JSON object');

  // In Arabic: a file with a good record and a broken one is previewed with the problem, in Arabic.
  const good = JSON.stringify({ id: 'm1', text: 'Lavrov spoke.', spans: [{ start: 0, end: 6, label: 'PER' }] });
  await page.getByTestId('import-file').setInputFiles(file('mixed.jsonl', `${good}\n${good.replace('m1', 'm2')}\n{"id": "m3", "text":\n`));
  const problem = page.getByTestId('import-preview').getByTestId('import-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText(/^الملف mixed\.jsonl، السطر ٣، العمود [٠-٩]+: JSON غير صالح: «/);
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);

  // In Arabic: a project whose span runs past its text is refused with the model's reason, worded
  // in Arabic (not serde_json's English), at its line and column.
  const project = {
    format: 'sanad-project', version: 1, offset_unit: 'codepoint', name: 'x', labels: [],
    documents: [{ id: 'p1', title: 'Past the end', lang: 'en', text: 'Lavrov spoke.', status: 'new',
      spans: [{ id: 'e1', start: 0, end: 99, label: 'PER', origin: 'editor' }], quotes: [] }],
  };
  await page.getByTestId('import-file').setInputFiles(file('span.sanad.json', JSON.stringify(project, null, 2)));
  await expect(notice('span.sanad.json')).toContainText(
    /^الملف span\.sanad\.json، السطر [٠-٩]+، العمود [٠-٩]+: الكيان «e1»: المدى من ٠ إلى ٩٩ ينتهي بعد نهاية النص \(طوله ١٣ نقطة ترميز\)$/);
  await expect(page.getByTestId('doc-link').filter({ hasText: 'Past the end' })).toHaveCount(0);

  // Back in English: both notices in English.
  await page.getByTestId('ui-lang').click();
  await expect(notice('span.sanad.json')).toContainText(
    /^span\.sanad\.json, line \d+, column \d+: span "e1": range 0\.\.99 ends past the end of the text \(13 code points\)$/);
  await expect(notice('broken.jsonl')).toContainText(/^broken\.jsonl, line 1, column \d+: “/);
});
