// Cold start: from navigation to a usable editor (the article's first entity mark on screen and
// the edit bar enabled), online on a first visit and offline after one visit. Prints BENCH lines
// recorded in docs/BENCHMARKS.md.
import { test, expect, Page } from '@playwright/test';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (name: string, value: number, unit: string, extra: object = {}) =>
  console.log('BENCH ' + JSON.stringify({ name, value: Math.round(value * 10) / 10, unit, ...extra }));

async function usable(page: Page) {
  await page.locator('mark.ent').first().waitFor();
  await expect(page.getByTestId('done-next')).toBeEnabled();
  // performance.now() counts from the navigation's start.
  return page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
}

test('cold start online (first visit) and offline (after one visit)', async ({ browser }) => {
  const online: number[] = [];
  const offline: number[] = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext();
    const first = await ctx.newPage();
    await first.goto('/#doc=ar-1');
    online.push(await usable(first));
    await first.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
    await first.close();
    await ctx.setOffline(true);
    const again = await ctx.newPage();
    await again.goto('/#doc=ar-1');
    offline.push(await usable(again));
    await ctx.close();
  }
  report('cold_start_online_median', median(online), 'ms', { runs: online.map(Math.round) });
  report('cold_start_offline_median', median(offline), 'ms', { runs: offline.map(Math.round) });
});
