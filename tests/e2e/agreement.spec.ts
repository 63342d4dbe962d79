// Several annotators on the same articles (issue 16): two annotators' exports of three articles
// (one Arabic) imported as layers, the agreement figures (the same as `sanad agree` prints for these
// files), two disagreements settled from the keyboard with undo, the gold exported, and a reload
// that keeps the layers, the gold and the decisions.
import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(__dirname, '../fixtures/agreement/page');
const files = [resolve(dir, 'dana.jsonl'), resolve(dir, 'omar.jsonl')];

async function importLayers(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('doc-link').first()).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(files);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await page.getByTestId('import-as-layers').check();
  // The annotators: Dana's records name her; Omar's doccano file does not, so its name does.
  await expect(page.getByTestId('import-annotator')).toHaveCount(2);
  await expect(page.getByTestId('import-annotator').nth(0)).toHaveValue('dana');
  await expect(page.getByTestId('import-annotator').nth(1)).toHaveValue('omar');
  await expect(page.getByTestId('import-layers-summary')).toContainText('6 layers: 0 joined to articles with the same id, 0 to the same text under another id, 3 new articles');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('notice').last()).toContainText('dana.jsonl, omar.jsonl: 6 layers of 2 annotators added');
}

const group = (page: Page, measure: string) =>
  page.getByTestId('agreement-group').locator(`tr[data-measure="${measure}"] td`);
const cell = (page: Page, matrix: string, row: string, col: string) =>
  page.getByTestId(`matrix-${matrix}`).locator(`g[data-row="${row}"] g.cell[data-col="${col}"] text`);

test('two annotators: layers, agreement figures, curation by keyboard, gold export, reload', async ({ page }) => {
  test.setTimeout(120_000);
  await importLayers(page);

  // The agreement view: the figures `sanad agree dana.jsonl omar.jsonl` prints.
  await page.getByTestId('agreement-open').click();
  const view = page.getByTestId('agreement-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('agreement-intro')).toContainText('2 annotators on 3 articles, 3 of them annotated by every annotator');
  await expect(group(page, 'f1_exact')).toHaveText('0.632');
  await expect(group(page, 'f1_overlap')).toHaveText('0.842');
  await expect(group(page, 'cohen_mean')).toHaveText('0.683');
  await expect(group(page, 'fleiss')).toHaveText('0.682');
  await expect(group(page, 'alpha_nominal')).toHaveText('0.686');
  await expect(group(page, 'alpha_unitizing')).toHaveText('0.805');
  // No quote matched: the speakers' agreement is undefined, and says why.
  await expect(group(page, 'quote_speakers')).toHaveText('0/0 (undefined: nothing to compare)');
  await expect(cell(page, 'f1_exact', 'dana', 'omar')).toHaveText('0.632');
  await expect(cell(page, 'cohen', 'omar', 'dana')).toHaveText('0.683');
  await expect(cell(page, 'alpha_unitizing', 'dana', 'omar')).toHaveText('0.805');
  const label = (l: string, m: string) => page.getByTestId('agreement-labels').locator(`tr[data-label="${l}"] td[data-measure="${m}"]`);
  await expect(label('DATE', 'fleiss')).toHaveText('-0.013');
  await expect(label('DATE', 'alpha_unitizing')).toHaveText('-0.116');
  await expect(label('ORG', 'f1_overlap')).toHaveText('0.667');
  await expect(label('PER', 'f1_exact')).toHaveText('0.571');
  // Articles, most disagreement first.
  const rows = page.getByTestId('agreement-docs').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll(r => r.map(x => x.getAttribute('data-doc-id')))).toEqual(['en1', 'ar1', 'en2']);
  await expect(rows.nth(0).locator('td[data-measure="disagreements"]')).toHaveText('3');
  await expect(rows.nth(1).locator('td[data-measure="f1_exact"]')).toHaveText('0.667');
  // The same figures in Arabic digits.
  await page.getByTestId('ui-lang').click();
  await expect(group(page, 'f1_exact')).toHaveText('٠٫٦٣٢');
  await expect(label('DATE', 'fleiss')).toHaveText('\u061C-٠٫٠١٣');
  await page.getByTestId('ui-lang').click();
  await expect(group(page, 'f1_exact')).toHaveText('0.632');

  // Curate the most disagreed article: what both said is gold already.
  await rows.nth(0).getByTestId('agreement-curate').click();
  const panel = page.getByTestId('curation');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('curation-progress')).toHaveText('0 of 3 disagreements settled');
  const gold = (l: string, t: string) => page.getByTestId('article').locator(`mark.ent[data-label="${l}"][data-tag]`, { hasText: new RegExp(`^${t}$`) });
  await expect(gold('PER', 'Lavrov')).toHaveCount(1);
  await expect(gold('LOC', 'Geneva')).toHaveCount(1);
  await expect(page.getByTestId('article').locator('mark.ent')).toHaveCount(2);
  // Every annotator's marks are underlined beside the gold.
  await expect(page.getByTestId('article').locator('.lay[data-annotator="omar"][data-layer-label="ORG"]')).toHaveCount(2);
  const current = page.getByTestId('curation-current');
  await expect(current).toHaveAttribute('data-start', '11');
  await expect(current.getByTestId('take-side')).toHaveText(['1 dana: PER «Blinken»', '2 omar: ORG «Blinken»']);

  // Keyboard: 1 takes Dana's side at Blinken; the next disagreement (Monday) comes up; X rejects it.
  await page.getByTestId('article-view').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toContainText('take annotator n\'s side at the current disagreement');
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await expect(gold('PER', 'Blinken')).toHaveCount(1);
  await expect(page.getByTestId('edit-status')).toHaveText("Took dana's side at Blinken");
  await expect(current).toHaveAttribute('data-start', '32');
  await page.keyboard.press('x');
  await expect(page.getByTestId('curation-progress')).toHaveText('2 of 3 disagreements settled');
  // Undo takes the rejection back, as one step, and shows Monday again; J/K move between
  // disagreements.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('curation-progress')).toHaveText('1 of 3 disagreements settled');
  await expect(current).toHaveAttribute('data-start', '32');
  await expect(page.getByTestId('curation-decision')).toHaveText('not settled');
  await page.keyboard.press('k');
  await expect(current).toHaveAttribute('data-start', '11');
  await expect(page.getByTestId('curation-decision')).toHaveText("took dana's side");
  await page.keyboard.press('j');
  await expect(current).toHaveAttribute('data-start', '32');
  await page.keyboard.press('x');
  // Settled, the next one not settled comes up: the ministry, said two ways.
  await expect(page.getByTestId('curation-progress')).toHaveText('2 of 3 disagreements settled');
  await expect(current).toHaveAttribute('data-start', '40');
  await expect(page.getByTestId('curation-decision')).toHaveText('not settled');
  await expect(page.getByTestId('position').nth(1)).toHaveText('«Monday» · entities · rejected');
  await expect(page.getByTestId('article').locator('mark.ent')).toHaveCount(3);

  // One annotator's layer, read-only: V cycles gold -> dana -> omar -> all.
  await page.keyboard.press('v');
  await expect(page.getByTestId('layer-view')).toHaveValue('');
  await page.keyboard.press('v');
  await expect(page.getByTestId('layer-readonly')).toContainText("dana's layer: read-only");
  await expect(page.getByTestId('article').locator('mark.ent[data-label="DATE"]')).toHaveText('Monday');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('article').locator('mark.ent[data-label="DATE"]')).toHaveCount(1);
  await page.getByTestId('layer-view').selectOption({ label: 'Gold and every annotator' });
  await expect(page.getByTestId('article').locator('mark.ent[data-label="DATE"]')).toHaveCount(0);

  // The gold, exported: Dana's Blinken, Monday rejected, the ministry not settled (not gold).
  await page.getByTestId('export-format').selectOption('jsonl');
  await page.getByTestId('export-all').check();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const records = readFileSync((await dl.path())!, 'utf8').trim().split('\n').map(l => JSON.parse(l));
  const en1 = records.find((r: any) => r.id === 'en1');
  expect(en1.spans.map((s: any) => [s.start, s.end, s.label])).toEqual([[0, 6, 'PER'], [11, 18, 'PER'], [22, 28, 'LOC']]);
  // The Arabic article is not curated yet: its gold is still empty (the pre-merge comes with C).
  const ar1 = records.find((r: any) => r.id === 'ar1');
  expect(ar1.spans).toEqual([]);
  // The project JSON keeps the layers and the gold apart (version 2).
  await page.getByTestId('export-format').selectOption('sanad');
  const [pj] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const project = JSON.parse(readFileSync((await pj.path())!, 'utf8'));
  expect(project.version).toBe(2);
  expect(project.annotators.map((a: any) => a.name)).toEqual(['dana', 'omar']);
  const saved = project.documents.find((d: any) => d.id === 'en1');
  expect(saved.spans).toHaveLength(3);
  expect(saved.layers.map((l: any) => [l.annotator, l.source, l.spans.length])).toEqual([['dana', 'dana.jsonl', 5], ['omar', 'omar.jsonl', 4]]);
  expect(saved.curation.resolved).toEqual([
    { what: 'span', start: 11, end: 18, decision: 'accepted', annotator: 'dana' },
    { what: 'span', start: 32, end: 38, decision: 'rejected' },
  ]);

  // A reload keeps everything: the layers, the gold, the decisions.
  await page.waitForTimeout(1200);
  await page.reload();
  await page.getByTestId('doc-link').filter({ hasText: 'Geneva talks' }).click();
  await expect(page.getByTestId('article').locator('mark.ent')).toHaveCount(3);
  await expect(gold('PER', 'Blinken')).toHaveCount(1);
  await expect(page.getByTestId('layer-view').locator('option')).toHaveText(['Gold (editable)', 'dana (read-only)', 'omar (read-only)', 'Gold and every annotator']);
  await page.getByTestId('article-view').focus();
  await page.keyboard.press('c');
  await expect(page.getByTestId('curation-progress')).toHaveText('2 of 3 disagreements settled');
  // Curating again goes to the one left: the ministry, said two ways.
  await expect(current).toHaveAttribute('data-start', '40');
  await expect(page.getByTestId('position')).toHaveText([
    "«Blinken» · entities · took dana's side",
    '«Monday» · entities · rejected',
    '«the foreign ministry» · entities · not settled',
  ]);
  // The Arabic article: the annotators differ on whether the first name is in the span.
  await page.getByTestId('doc-link').filter({ hasText: 'لافروف وموسكو' }).click();
  await page.getByTestId('article-view').focus();
  await page.keyboard.press('c');
  await expect(current.getByTestId('take-side')).toHaveText(['1 dana: PER «سيرغي لافروف»', '2 omar: PER «لافروف»']);
  // What both said is pre-merged: the two places.
  await expect(gold('LOC', 'موسكو')).toHaveCount(1);
  await expect(gold('LOC', 'واشنطن')).toHaveCount(1);
  await page.keyboard.press('2');
  await expect(gold('PER', 'لافروف')).toHaveCount(1);
  await expect(page.getByTestId('curation-progress')).toHaveText('1 of 1 disagreement settled');
  // Its gold, exported: the places and Omar's Lavrov.
  await page.getByTestId('export-format').selectOption('jsonl');
  await page.getByTestId('export-all').check();
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const again = readFileSync((await dl2.path())!, 'utf8').trim().split('\n').map(l => JSON.parse(l));
  const ar1gold = again.find((r: any) => r.id === 'ar1');
  expect(ar1gold.spans.map((s: any) => [s.start, s.end, s.label])).toEqual([[31, 37, 'PER'], [41, 46, 'LOC'], [64, 70, 'LOC']]);
});
