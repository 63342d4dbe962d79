// Several projects: rename, duplicate, switch, create, delete (with a confirmation); each keeps
// its own articles and edits, and the open project is remembered across reloads.
import { test, expect, Page } from '@playwright/test';
import { dragSelect, mark } from './helpers';

test('projects: rename, duplicate, edit the copy only, switch back, create, delete with confirmation; remembered across reloads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('doc-link')).toHaveCount(6);
  await expect(page.getByTestId('project-name')).toHaveText('My library');
  // Rename (keyboard: Enter).
  await page.getByTestId('settings-button').click();
  await page.getByTestId('project-name-input').fill('Newsroom');
  await page.getByTestId('project-name-input').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveText('Newsroom');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveText('Newsroom');
  // Duplicate: the copy opens, with the same articles.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('project-duplicate').click();
  await expect(page.getByTestId('project-name')).toHaveText('Newsroom (copy)');
  await expect(page.getByTestId('doc-link')).toHaveCount(6);
  // An edit in the copy (Arabic article, mouse and digit) stays in the copy.
  await page.getByTestId('doc-link').filter({ hasText: 'الصويرة' }).click();
  await expect(page.getByTestId('tag-status')).toBeVisible();
  await dragSelect(page, 'الصنابير');
  await page.keyboard.press('4');
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
  await page.waitForTimeout(800);
  await page.getByTestId('settings-button').click();
  const switcher = page.getByTestId('project-switch');
  await expect(switcher.locator('option')).toHaveText(['Newsroom', 'Newsroom (copy)']);
  await switcher.selectOption({ label: 'Newsroom' });
  await expect(page.getByTestId('project-name')).toHaveText('Newsroom');
  await page.getByTestId('doc-link').filter({ hasText: 'الصويرة' }).click();
  await expect(page.getByTestId('tag-status')).toBeVisible();
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(0);
  // Back to the copy: the edit is there.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('project-switch').selectOption({ label: 'Newsroom (copy)' });
  await expect(page.getByTestId('project-name')).toHaveText('Newsroom (copy)');
  await page.getByTestId('doc-link').filter({ hasText: 'الصويرة' }).click();
  await expect(mark(page, 'MISC', 'الصنابير')).toHaveCount(1);
  // A new empty project, remembered across a reload; an English article pasted into it.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('project-name')).toHaveText('New project');
  await expect(page.getByTestId('doc-link')).toHaveCount(0);
  await page.getByTestId('paste-text').fill('The council met in Leeds on Monday.');
  await page.getByTestId('paste-submit').click();
  await expect(page.getByTestId('doc-link')).toHaveCount(1);
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveText('New project');
  await expect(page.getByTestId('doc-link')).toHaveCount(1);
  // Delete asks first; Cancel keeps it; confirming deletes it and opens another project.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('project-delete').click();
  await expect(page.getByTestId('project-delete-ask')).toContainText('Delete New project and its 1 article from');
  await page.getByTestId('project-delete-ask').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('project-delete-ask')).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveText('New project');
  await page.getByTestId('project-delete').click();
  await page.getByTestId('project-delete-confirm').click();
  await expect(page.getByTestId('project-name')).toHaveText('Newsroom');
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('project-switch').locator('option')).toHaveText(['Newsroom', 'Newsroom (copy)']);
});
