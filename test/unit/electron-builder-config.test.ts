import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const config = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { main: string };
const electronPkg = JSON.parse(
  readFileSync(new URL('../../node_modules/electron/package.json', import.meta.url), 'utf8'),
) as { version: string };

function filePatterns(): string[] {
  const block = /^files:\n((?: {2}- .+\n)+)/m.exec(config)?.[1] ?? '';
  return block.split('\n').filter(Boolean).map((line) => line.replace(/^ {2}- /, '').replace(/^"(.*)"$/, '$1'));
}

/** The `electronFuses:` block as name → value. */
function fuses(): Record<string, string> {
  const block = /^electronFuses:\n((?: {2}\w+: .+\n)+)/m.exec(config)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').filter(Boolean).map((line) => line.trim().split(': ') as [string, string]));
}

describe('electron-builder.yml', () => {
  it('packs the app into an ASAR and flips the fuses that keep it a register, not a Node.js shell', () => {
    expect(/^asar: (.+)$/m.exec(config)?.[1]).toBe('true');
    expect(fuses()).toMatchObject({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });

  it('pins the installed Electron version', () => {
    expect(/^electronVersion: (.+)$/m.exec(config)?.[1]).toBe(electronPkg.version);
  });

  it('packages the built app and package.json, and no sources or source maps', () => {
    const patterns = filePatterns();
    expect(patterns).toContain('package.json');
    expect(patterns).toContain('!**/*.map');
    const included = patterns.filter((p) => !p.startsWith('!') && p !== 'package.json');
    expect(included.length).toBeGreaterThan(0);
    for (const pattern of included) expect(pattern).toMatch(/^dist\//);
    expect(pkg.main.startsWith('dist/electron/')).toBe(true);
  });
});
