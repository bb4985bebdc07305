/** What a person starting the server needs to begin, in a few lines before the JSON log. */
export interface StartInfo {
  host: string;
  /** 0: the system chooses it, and the log names it. */
  port: number;
  database: string;
  /** The demo salon's pairing code, when the demo runs. */
  pairingCode: string | null;
  /** The demo owner's sign-in, when it was just created (its password is shown this once). */
  owner: { email: string; password: string } | null;
  /** The demo owner's email when it exists already (its password was shown at first start). */
  ownerEmail: string | null;
}

/** Listening on every address: the register is reached through this machine's own name or address. */
function shownHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
}

/**
 * The human start block: where the register and the back office are, the pairing code and the
 * owner's sign-in. The JSON log never carries the code or a password.
 */
export function startBlock(info: StartInfo): string {
  const base = info.port === 0 ? null : `http://${shownHost(info.host)}:${info.port}`;
  const at = (path: string) => (base ? `${base}${path}` : `${path} on the port named in the log below`);
  const lines = [
    'Front Desk POS sync server',
    `  Register:     ${at('/')}${info.host === '0.0.0.0' || info.host === '::' ? ' (and this machine’s address on the LAN)' : ''}`,
    `  Pairing code: ${info.pairingCode ? `${info.pairingCode} (the demo salon; the register pre-fills it)` : 'issue one from the back office'}`,
    `  Back office:  ${at('/api/docs')} (API reference; sign in with POST /api/v1/auth/login)`,
  ];
  if (info.owner) lines.push(`  Owner:        ${info.owner.email} / ${info.owner.password} (shown this once: keep it)`);
  else if (info.ownerEmail) lines.push(`  Owner:        ${info.ownerEmail} (the password was shown at the first start)`);
  lines.push(`  Database:     ${info.database}`, '');
  return `${lines.join('\n')}\n`;
}
