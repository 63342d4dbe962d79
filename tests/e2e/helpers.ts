// Shared steps of the editing specs: open a demo article, select a word with the mouse, find a mark.
import { expect, Page } from '@playwright/test';

/** Drags the mouse across the first occurrence of `word` in the article's plain text (not in a
 * mark), as a user selects it; returns nothing. Works for right-to-left text too: the drag goes
 * from the word's first character to its last, wherever they are on screen. */
export async function dragSelect(page: Page, word: string) {
  const box = await page.getByTestId('article').evaluate((article, w) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      if (t.parentElement!.closest('mark')) continue;
      const i = t.data.indexOf(w);
      if (i < 0) continue;
      const first = document.createRange(); first.setStart(t, i); first.setEnd(t, i + 1);
      const last = document.createRange(); last.setStart(t, i + w.length - 1); last.setEnd(t, i + w.length);
      const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
      const rtl = getComputedStyle(t.parentElement!).direction === 'rtl';
      // Start at the outer edge of the first character, end at the outer edge of the last.
      return { x0: rtl ? a.right - 1 : a.left + 1, y0: a.top + a.height / 2, x1: rtl ? b.left + 1 : b.right - 1, y1: b.top + b.height / 2 };
    }
    throw new Error(`no unmarked "${w}"`);
  }, word);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move(box.x1, box.y1, { steps: 5 });
  await page.mouse.up();
}

export async function open(page: Page, title: string) {
  await page.goto('/');
  await page.getByTestId('doc-link').filter({ hasText: title }).click();
  await expect(page.getByTestId('article')).toBeVisible();
  await expect(page.getByTestId('tag-status')).toBeVisible();
}

export const mark = (page: Page, label: string, text: string) =>
  page.getByTestId('article').locator(`mark[data-label="${label}"][data-tag]`, { hasText: new RegExp(`^${text}$`) });
