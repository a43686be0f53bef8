import { expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

test('the cockpit shell loads with no console errors, navigates by mouse and keyboard, and opens the palette', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  await page.goto(gobag.url);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /No sources yet/ })).toBeVisible();

  // Mouse
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Runbooks/ }).click();
  await expect(page.getByRole('heading', { name: 'Runbooks', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/runbooks$/);

  // Keyboard: g i, then Alt+6
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Status', level: 1 })).toBeVisible();
  await expect(page.getByText('Schema version')).toBeVisible();
  await saveScreenshot(page, 'shell-status-dark');

  // Command palette: Ctrl+K, type, Enter
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('changes');
  await expect(palette.getByRole('option', { name: /Go to Changes/ })).toBeVisible();
  await saveScreenshot(page, 'shell-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Changes', level: 1 })).toBeVisible();

  // Typed fast and Enter at once: the palette acts on the results for the whole text, not an earlier keystroke's.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('go to incid', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();

  // Theme toggle by keyboard, and back
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const before = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', before === 'dark' ? 'light' : 'dark');
  await saveScreenshot(page, 'shell-status-other-theme');
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', before!);

  expect(errors).toEqual([]);
});
