// The team's shared data beside the repository (../shared: the seed article, the NER dev sets).
// A clone without it must still pass `make test`: a test that needs a shared file reads it lazily,
// inside the test, and skips itself by name when the file is missing:
//
//   test('...', async ({ page }) => {
//     test.skip(!hasShared(SEED), needsShared(SEED));
//     const seed = readShared(SEED);
//
// Nothing here may read a file at import time: Playwright imports every spec file before the first
// test, so one missing file there stops the whole run.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The folder beside the repository (`SANAD_SHARED` overrides it). */
export const SHARED_DIR = process.env.SANAD_SHARED ?? resolve(__dirname, '../../../shared');

/** The seed article (about 600 words of Arabic news). */
export const SEED = 'samples/seed-ar-news.txt';
/** UNER English Web Treebank, dev split, CoNLL. */
export const EN_DEV = 'data/ner/en-dev.conll';

export const sharedPath = (rel: string) => resolve(SHARED_DIR, rel);
export const hasShared = (rel: string) => existsSync(sharedPath(rel));
/** The reason given to `test.skip`, naming the file. */
export const needsShared = (rel: string) => `needs ../shared/${rel}`;
export const readShared = (rel: string) => readFileSync(sharedPath(rel), 'utf8');

/** Opens the library, pastes the seed article and waits until the tagger has run on it; returns its
 *  text. Call it after `test.skip(!hasShared(SEED), …)`. */
export async function pasteSeed(page: Page): Promise<string> {
  const seed = readShared(SEED);
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await page.getByTestId('paste-text').fill(seed);
  await page.getByTestId('paste-submit').click();
  await expect(page.getByTestId('tag-status')).toBeVisible();
  return seed;
}
