import { describe, expect, it } from 'vitest';
import { pairRegister, signIn, unpair, unpairRefused, useRegisterPage } from '../support/register-page';

describe('unpairing the register', () => {
  const register = useRegisterPage();

  it('is refused, with why, while a sale made offline waits to be sent; allowed once everything is sent', async () => {
    const { page, context } = register;
    await pairRegister(register);
    await signIn(page, 'Alex Rivera', '111111');
    await page.getByRole('button', { name: /Men's haircut/ }).waitFor();
    await expect.poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 15_000 }).toBe('all sales sent');

    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await page.getByRole('button', { name: /^Men's haircut/ }).click();
    await page.getByRole('button', { name: /^Charge / }).click();
    await page.keyboard.press('F8');
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    expect(await unpairRefused(page)).toMatch(/^Cannot unpair: \d+ records have not reached the server yet\. Unpairing now would lose them/);

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 15_000 }).toBe('all sales sent');
    await unpair(page);
  });
});
