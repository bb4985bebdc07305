import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { registerChromiumFlags } from '../../electron/chromium-switches';

/** The system Chromium (CHROMIUM_PATH to override); Playwright's own download does not work here. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...registerChromiumFlags(), // the register's page runs as it does in Electron
    ],
  });
}
