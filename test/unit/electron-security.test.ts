import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  DEFAULT_SERVER_URL,
  buildContentSecurityPolicy,
  classifyNavigation,
  isAppUrl,
  isDeviceAllowed,
  isPermissionGranted,
  parseAllowedDevices,
  rendererFileFor,
  resolveServerOrigin,
} from '../../electron/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  const csp = buildContentSecurityPolicy('http://127.0.0.1:8787');
  const parsed = directives(csp);

  it('never allows eval or inline scripts', () => {
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('wasm-unsafe-eval');
    // Scripts: the app and Stripe Terminal JS only (no inline, no eval).
    expect(parsed.get('script-src')).toEqual(["'self'", 'https://js.stripe.com']);
    expect(parsed.get('frame-src')).toEqual(['https://js.stripe.com']);
    expect(parsed.get('default-src')).toEqual(["'self'"]);
  });

  const stripe = ['https://api.stripe.com', 'https://*.stripe.com', 'https://*.stripe-terminal-local-reader.net', 'wss://*.stripe-terminal-local-reader.net'];

  it('lets the renderer connect only to itself, the sync server, Stripe and Stripe smart readers on the LAN', () => {
    expect(parsed.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8787', ...stripe]);
    expect(parsed.get('connect-src')!.some((s) => s === '*' || s === 'https:' || s === 'wss:' || s === 'ws:')).toBe(false);
  });

  it('follows the server origin it is given', () => {
    expect(directives(buildContentSecurityPolicy('https://pos.example.com')).get('connect-src')).toEqual([
      "'self'",
      'https://pos.example.com',
      ...stripe,
    ]);
  });

  it('shuts plugins, base rewriting, form posts and framing', () => {
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    expect(parsed.get('form-action')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('img-src')).toEqual(["'self'", 'data:']);
  });
});

describe('server URL resolution', () => {
  it('defaults when POS_SERVER_URL is unset or blank', () => {
    expect(resolveServerOrigin(undefined)).toBe(DEFAULT_SERVER_URL);
    expect(resolveServerOrigin('  ')).toBe(DEFAULT_SERVER_URL);
  });

  it('takes the env value, normalised to an origin', () => {
    expect(resolveServerOrigin('https://POS.Example.com:443/')).toBe('https://pos.example.com');
    expect(resolveServerOrigin('http://10.0.0.5:9000')).toBe('http://10.0.0.5:9000');
  });

  it.each([
    ['not a url', 'not a URL'],
    ['127.0.0.1:8787', 'not a URL'],
    ['localhost:8787', 'http or https'],
    ['ftp://server', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['http://user:secret@server', 'credentials'],
    ['http://server/api/v1', 'without a path'],
    ['http://server/?x=1', 'without a path'],
    ["http://server/'unsafe-eval'", 'without a path'],
  ])('rejects %s', (value, message) => {
    expect(() => resolveServerOrigin(value)).toThrow(message);
  });
});

describe('navigation', () => {
  it('keeps the app and its routes in the window', () => {
    expect(classifyNavigation(APP_ENTRY_URL)).toEqual({ kind: 'app' });
    expect(classifyNavigation('app://register/index.html#/sale/42')).toEqual({ kind: 'app' });
    expect(isAppUrl('app://register/assets/index.js')).toBe(true);
  });

  it('sends https links to the system browser', () => {
    expect(classifyNavigation('https://stripe.com/docs')).toEqual({ kind: 'external', url: 'https://stripe.com/docs' });
  });

  it.each([
    'http://example.com/',
    'http://127.0.0.1:8787/',
    'https://user:pw@example.com/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file:///work/main/dist/renderer/index.html',
    'app://evil/index.html',
    'app://register.evil.com/index.html',
    'blob:app://register/1234',
    'mailto:owner@example.com',
    'not a url',
    '',
  ])('blocks %s', (target) => {
    expect(classifyNavigation(target)).toEqual({ kind: 'blocked' });
  });
});

describe('permissions', () => {
  it('grants clipboard writes to the app only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'hid', 'serial', 'clipboard-read'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionGranted(permission, APP_ENTRY_URL)).toBe(false);
    },
  );
});

describe('renderer files behind app://', () => {
  const root = path.resolve('/opt/pos/dist/renderer');

  it('maps the root and assets into the renderer directory', () => {
    expect(rendererFileFor(root, 'app://register/')).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://register/assets/index-abc.js?v=1')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(rendererFileFor(root, 'app://register/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://register/..%2f..%2fetc/passwd',
    'app://register/%2e%2e%2fsecret',
    'app://register/%E0%A4%A',
    'app://register/index.html%00.js',
    'app://other/index.html',
    'file:///opt/pos/dist/renderer/index.html',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(root, url)).toBeNull();
  });

  it('never resolves outside the renderer directory', () => {
    for (const url of ['app://register/../../etc/passwd', 'app://register/%2e%2e/%2e%2e/etc/passwd']) {
      const file = rendererFileFor(root, url);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('devices the page may reach', () => {
  it('reads POS_RECEIPT_DEVICES as vendor:product hex ids, none when unset, and refuses anything else', () => {
    expect(parseAllowedDevices(undefined)).toEqual([]);
    expect(parseAllowedDevices(' 04b8:0202 , 0519:0001 ')).toEqual([
      { vendorId: 0x04b8, productId: 0x0202 },
      { vendorId: 0x0519, productId: 0x0001 },
    ]);
    for (const bad of ['04b8', '04b8:0202:1', 'zzzz:0202', '4b8:202']) expect(() => parseAllowedDevices(bad)).toThrow(/vendor:product/);
  });

  it('denies every device when none is configured', () => {
    expect(isDeviceAllowed({ deviceType: 'usb', origin: 'app://register', device: { vendorId: 0x04b8, productId: 0x0202 } }, [])).toBe(false);
  });
});
