// Saving that never loses work: a storage failure is shown with the work kept in the tab and an
// export right there; two tabs on one project never both write (the second is read-only until it
// takes over, and the first then becomes read-only).
import { test, expect, Page } from '@playwright/test';
import { dragSelect, open, mark } from './helpers';
import { readFileSync } from 'node:fs';

test('a storage failure is shown, the work stays in the tab, the project exports from the banner, and saving resumes', async ({ page }) => {
  // The browser refuses every write while the flag is set, as when the quota is exceeded.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: unknown[]) {
      if ((window as any).__failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      (window as any).__lastPut = performance.now();
      return put.apply(this, args as [unknown, IDBValidKey?]);
    };
  });
  await open(page, 'الصويرة');
  // The tagger's suggestions are saved at most 300 ms after they arrive: let that write land, so the
  // first write to fail is the editor's (a failure before it would move the page under the mouse).
  // Wait a second past the suggestions' arrival (the write is asked for within 300 ms of it) and
  // 800 ms past the last write: the last write alone could be the library's, before the suggestions'.
  const shown = await page.evaluate(() => performance.now());
  await expect
    .poll(
      () =>
        page.evaluate((t) => {
          const now = performance.now();
          return Math.min(now - t - 200, now - ((window as any).__lastPut ?? 0));
        }, shown),
      { timeout: 8000 },
    )
    .toBeGreaterThan(800);
  await page.evaluate(() => ((window as any).__failWrites = true));
  await dragSelect(page, 'الصنابير');
  await page.keyboard.press('4');
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
  const banner = page.getByTestId('storage-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('not being saved');
  await expect(page.getByTestId('notice').filter({ hasText: 'quota' })).toBeVisible();
  // The edit is still here, and more edits work (in memory).
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
  // Export from the banner: the project JSON has the edit.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('storage-export').click()]);
  const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const doc = project.documents.find((d: any) => d.title.includes('الصويرة'));
  const chars = [...doc.text];
  expect(doc.spans.some((s: any) => s.label === 'MISC' && chars.slice(s.start, s.end).join('') === 'الصنابير')).toBe(true);
  // Storage works again: retry writes everything; a reload finds the edit.
  await page.evaluate(() => ((window as any).__failWrites = false));
  await page.getByTestId('storage-retry').click();
  await expect(banner).toHaveCount(0);
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
});

test('a second tab on the same project is read-only until it takes over; then the first is read-only', async ({ page, context }) => {
  await open(page, 'Esbjerg');
  await expect(page.getByTestId('tab-banner')).toHaveCount(0);
  const second = await context.newPage();
  // The first tab's suggestions are saved with the article, so the second tab shows them without
  // tagging it again (an article is tagged on opening only while it has no suggestion).
  await second.goto('/');
  await second.getByTestId('doc-link').filter({ hasText: 'Esbjerg' }).click();
  await expect(second.getByTestId('article').locator('mark[data-origin="model"]').first()).toBeVisible();
  await expect(second.getByTestId('tab-banner')).toContainText('open in another tab');
  // The second tab refuses edits, with the keyboard and with the picker.
  await dragSelect(second, 'turbines');
  await second.keyboard.press('4');
  await expect(second.getByTestId('notice').filter({ hasText: 'read-only' })).toBeVisible();
  await expect(mark(second, 'MISC', 'turbines')).toHaveCount(0);
  // The first tab edits and saves.
  await page.bringToFront();
  await dragSelect(page, 'turbines');
  await page.getByTestId('pick-MISC').click();
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(1);
  await page.waitForTimeout(800);
  // The second takes over: it starts again from what is saved and edits; the first is read-only.
  await second.bringToFront();
  await second.getByTestId('tab-take-over').click();
  await expect(mark(second, 'MISC', 'turbines')).toHaveCount(1);
  await expect(second.getByTestId('tab-banner')).toHaveCount(0);
  await expect(page.getByTestId('tab-banner')).toContainText('took over');
  await mark(second, 'MISC', 'turbines').click();
  await second.keyboard.press('2');
  await expect(mark(second, 'ORG', 'turbines')).toHaveCount(1);
  await page.bringToFront();
  await mark(page, 'MISC', 'turbines').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('notice').filter({ hasText: 'read-only' })).toBeVisible();
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(1);
  // The second tab's edit is what is saved.
  await second.waitForTimeout(1200);
  await second.reload();
  await expect(mark(second, 'ORG', 'turbines')).toHaveCount(1);
});

test('a reload while imported articles are being written loses none of them', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  const before = await page.getByTestId('doc-link').count();
  // Two long articles and a slow CPU, so that writing them takes a while: the reload comes while
  // the write is under way (the browser drops a write in progress when the page unloads).
  const para = 'The committee met again on Tuesday and said the talks would resume. '.repeat(40);
  const text = (n: number) => Array.from({ length: 150 }, (_, i) => `${n}.${i} ${para}`).join('\n');
  const lines = [1, 2].map((n) => JSON.stringify({ id: `long-${n}`, title: `Long article ${n}`, text: text(n) })).join('\n');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.getByTestId('import-file').setInputFiles({ name: 'long.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines) });
  await expect(page.getByTestId('doc-link')).toHaveCount(before + 2, { timeout: 30_000 });
  await page.waitForTimeout(400); // the saver's timer (300 ms) has fired: the write has started
  await page.reload();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect(page.getByTestId('doc-link')).toHaveCount(before + 2, { timeout: 30_000 });
  await expect(page.getByTestId('doc-link').filter({ hasText: 'Long article 2' })).toHaveCount(1);
});

test('changes that could be neither written nor stashed when the page went away are reported, then and at the next start', async ({ page }) => {
  // Writes that never finish (as when the page goes away during them), once the flag is set.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: unknown[]) {
      if ((window as any).__holdWrites) return {} as IDBRequest;
      return put.apply(this, args as [unknown, IDBValidKey?]);
    };
  });
  await open(page, 'Esbjerg');
  // And a full localStorage, so the changes cannot be stashed either.
  await page.evaluate(() => {
    (window as any).__holdWrites = true;
    let chunk = 1 << 20;
    for (let i = 0; chunk > 0; i++) {
      try { localStorage.setItem(`fill-${i}`, 'x'.repeat(chunk)); } catch { chunk >>= 1; }
    }
  });
  await dragSelect(page, 'turbines');
  await page.keyboard.press('4');
  await expect(mark(page, 'MISC', 'turbines')).toHaveCount(1);
  // The tab is hidden (the first step of closing it): the stash fails, and the page says so.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('notice').filter({ hasText: 'Browser storage is full' })).toBeVisible();
  // Leaving now asks first (the browser's own dialog); left anyway, the next start names the article.
  page.on('dialog', (d) => d.accept());
  await page.reload();
  await expect(page.getByTestId('notice').filter({ hasText: 'could not be kept' })).toContainText('Esbjerg');
});
