import { useEffect, useState, type FormEvent } from 'react';
import { defaultServerUrl } from '../app/server-url';
import { describePairingError, fetchDemoPairingCode, pairDevice } from './pair-device';
import { usePairing } from './pairing-store';

export function PairingScreen() {
  const setPairing = usePairing((s) => s.setPairing);
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('Front desk');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void defaultServerUrl().then(async (url) => {
      setServerUrl(url);
      const demoCode = await fetchDemoPairingCode(url);
      if (demoCode) setCode((current) => current || demoCode);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setPairing(await pairDevice(serverUrl.trim(), code.trim(), name.trim()));
    } catch (e) {
      setError(describePairingError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="pairing">
      <form className="card" onSubmit={submit} aria-labelledby="pair-title">
        <h1 id="pair-title">Pair this register</h1>
        <p className="muted">Enter the pairing code from the back office. It is needed once; after that the register works offline.</p>
        <label>
          Sync server
          <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required type="url" />
        </label>
        <label>
          Pairing code
          <input value={code} onChange={(e) => setCode(e.target.value)} required autoFocus placeholder="1234-5678" inputMode="numeric" />
        </label>
        <label>
          Register name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Pairing…' : 'Pair register'}
        </button>
      </form>
    </main>
  );
}
