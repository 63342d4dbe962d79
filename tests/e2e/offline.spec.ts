// Offline after one visit: the service worker (tools/sw-src.js, file list by Workbox from the build output)
// precaches the app, fonts and models.
import { test, expect, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

async function controlled(page: Page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });
}

test('after one visit the app opens, shows a demo, tags, edits and exports with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await page.getByTestId('doc-link').filter({ hasText: 'الإسكندرية' }).click();
  await expect(page.getByTestId('article').locator('mark[data-label="PER"]').first()).toBeVisible();
  // The tagger worker and its model come from the cache too.
  await page.getByTestId('paste-text').fill('Offline test\nThe minister Sergei Lavrov said on Sunday that Russia and Kazakhstan signed a deal in Astana.');
  await page.getByTestId('paste-submit').click();
  // The demo article stays on screen until the pasted one replaces it (with its suggestions).
  await expect(page.getByTestId('article-title')).toHaveText('Offline test');
  await expect(page.getByTestId('tag-status')).toBeVisible();
  await expect(page.getByTestId('article').locator('mark[data-origin="model"]').first()).toBeVisible();
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
  });
  expect(fonts.map((f) => f.replace(/"/g, ''))).toContain('Plex Arabic');

  // Edit: accept the first suggestion with the keyboard, then mark the article done.
  const first = page.getByTestId('article').locator('mark[data-origin="model"]').first();
  const id = await first.getAttribute('data-span-id');
  await first.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('article').locator(`mark[data-span-id="${id}"]`)).toHaveAttribute('data-origin', 'editor');
  await page.getByTestId('doc-status').selectOption('done');
  // Export (runs in the worker, offline too) and check the file.
  await page.getByTestId('export-format').selectOption('doccano');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const body = fs.readFileSync((await download.path())!, 'utf8');
  const lines = body.trim().split('\n').map((l) => JSON.parse(l));
  const doc = lines.find((l) => typeof l.text === 'string' && l.text.includes('Sergei Lavrov'));
  expect(doc).toBeTruthy();
  const chars = [...doc.text];
  expect(doc.label.length).toBeGreaterThan(0);
  for (const [s, e] of doc.label) expect(chars.slice(s, e).join('').trim().length).toBeGreaterThan(0);
  // Reload offline: the edit is still there.
  await page.reload();
  await expect(page.getByTestId('article').locator(`mark[data-span-id="${id}"]`)).toHaveAttribute('data-origin', 'editor');
});

test('a new build is offered ("new version - reload"), never swapped mid-edit', async ({ browser }, info) => {
  // A private copy of the build, served on its own port, that this test can replace.
  const dir = info.outputPath('dist');
  fs.cpSync('dist', dir, { recursive: true });
  const port = Number(process.env.SANAD_E2E_PORT ?? 4173) + 2;
  const server = spawn('node', ['tests/e2e/serve.mjs', dir, String(port)], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}/`;
    await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0).toBe(200);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await expect(page.getByTestId('doc-link').first()).toBeVisible();
    await controlled(page);
    // The editor is mid-edit: an article pasted and a selection in it.
    await page.getByTestId('paste-text').fill('Update test\nThe mayor of Leeds spoke on Monday.');
    await page.getByTestId('paste-submit').click();
    await expect(page.getByTestId('article-title')).toHaveText('Update test');

    // A new build is deployed: its service worker differs.
    fs.appendFileSync(`${dir}/sw.js`, '\n// next build\n');
    fs.rmSync(`${dir}/sw.js.gz`, { force: true }); // its precompressed copy is the old build's
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.getByTestId('update-ready')).toBeVisible();
    // Offered, not applied: the page is still the same document, under the old worker.
    await expect(page.getByTestId('article-title')).toHaveText('Update test');
    const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting);
    expect(waiting).toBe(true);

    // The user accepts: the page reloads under the new version, and the work is there.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-ready').getByRole('button').click()]);
    await expect(page.getByTestId('update-ready')).toHaveCount(0);
    await expect(page.getByTestId('doc-link').filter({ hasText: 'Update test' })).toBeVisible();
    const fresh = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      return !reg.waiting && navigator.serviceWorker.controller !== null;
    });
    expect(fresh).toBe(true);
    await context.close();
  } finally {
    server.kill();
  }
});

test('the app is installable: manifest with icons', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.start_url).toBe('./');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});
