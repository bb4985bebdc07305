import { describe, expect, it } from 'vitest';
import { startBlock } from '../../sync-server/start-block';

describe("the sync server's start block", () => {
  it('names the register, the pairing code, the back office and the owner sign-in in a few lines', () => {
    const block = startBlock({ host: '127.0.0.1', port: 8787, database: 'embedded PGlite in /data', pairingCode: '1234-5678', owner: { email: 'owner@demo.salon', password: 's3cret-pass' }, ownerEmail: 'owner@demo.salon' });
    expect(block.split('\n')).toEqual([
      'Front Desk POS sync server',
      '  Register:     http://127.0.0.1:8787/',
      '  Pairing code: 1234-5678 (the demo salon; the register pre-fills it)',
      '  Back office:  http://127.0.0.1:8787/api/docs (API reference; sign in with POST /api/v1/auth/login)',
      '  Owner:        owner@demo.salon / s3cret-pass (shown this once: keep it)',
      '  Database:     embedded PGlite in /data',
      '',
      '',
    ]);
  });

  it('without the demo, on every address, or on a port the system chooses, says what is true', () => {
    const block = startBlock({ host: '0.0.0.0', port: 0, database: 'PostgreSQL (DATABASE_URL)', pairingCode: null, owner: null, ownerEmail: null });
    expect(block).toContain('Register:     / on the port named in the log below (and this machine’s address on the LAN)');
    expect(block).toContain('Pairing code: issue one from the back office');
    expect(block).not.toContain('Owner:');
    expect(startBlock({ host: '0.0.0.0', port: 80, database: 'x', pairingCode: null, owner: null, ownerEmail: 'owner@demo.salon' })).toContain(
      'Register:     http://127.0.0.1:80/ (and this machine’s address on the LAN)',
    );
  });
});
