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
