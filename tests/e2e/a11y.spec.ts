// Accessibility: axe-core (the engine behind Lighthouse and axe DevTools) scans the library, the
// editor (with a selected mark, the label picker and the quote tools open) and the settings, in
// English and in Arabic. No serious or critical violation is allowed.
import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const found: string[] = [];

async function serious(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  found.push(...bad.map((v) => `${where}: ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n  ')}`));
  // Every state is checked before failing, so one run lists every problem.
  expect(result.passes.length).toBeGreaterThan(0);
}

for (const lang of ['en', 'ar'] as const) {
  test(`no serious or critical axe violation: library, editor, help and settings (${lang})`, async ({ page }) => {
    found.length = 0;
    await page.goto('./');
    await expect(page.getByTestId('doc-link').first()).toBeVisible();
    if (lang === 'ar') {
      await page.getByTestId('ui-lang').click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    await serious(page, 'library');

    // The editor on an Arabic article, with a suggestion selected and the label picker open.
    await page.getByTestId('doc-link').filter({ hasText: 'الإسكندرية' }).click();
    const article = page.getByTestId('article');
    await expect(article.locator('mark[data-label]').first()).toBeVisible();
    await serious(page, 'editor');
    // Marks announce their label: the accessibility tree reads "mark: <text> <LABEL>".
    const tree = await article.locator('p').filter({ has: page.locator('mark[data-tag]') }).first().ariaSnapshot();
    expect(tree).toMatch(/- mark: .+ (PER|ORG|LOC|MISC|DATE)/);
    await article.locator('mark[data-label]').first().click();
    await serious(page, 'editor with a selected mark');
    await page.getByTestId('quote-entry').first().click();
    await expect(page.getByTestId('quote-tools')).toBeVisible();
    await serious(page, 'quote tools');
    await page.getByTestId('help-button').click();
    await expect(page.getByTestId('help')).toBeVisible();
    await serious(page, 'keyboard help');
    await page.keyboard.press('Escape');

    // The settings: label schema (with a delete confirmation open) and the project's options.
    await page.getByTestId('settings-button').click();
    await expect(page.getByTestId('settings')).toBeVisible();
    await serious(page, 'settings');
    await page.getByTestId('label-delete').first().click();
    await expect(page.getByTestId('delete-ask')).toBeVisible();
    await serious(page, 'settings, deleting a label');
    expect(found, found.join('\n')).toEqual([]);
  });
}
