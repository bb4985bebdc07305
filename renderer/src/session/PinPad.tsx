import { useEffect, useState, type FormEvent } from 'react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', '✓'] as const;

/** A 4-6 digit PIN entry with large keys; the physical keyboard works too. */
export function PinPad({ label, busy, error, onSubmit }: { label: string; busy: boolean; error: string | null; onSubmit(pin: string): void }) {
  const [pin, setPin] = useState('');
  useEffect(() => {
    if (error) setPin('');
  }, [error]);

  const press = (key: (typeof KEYS)[number]) => {
    if (key === '⌫') setPin((p) => p.slice(0, -1));
    else if (key === '✓') submit();
    else setPin((p) => (p.length < 6 ? p + key : p));
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (pin.length >= 4 && !busy) onSubmit(pin);
  };

  return (
    <form className="pinpad" onSubmit={submit}>
      <label>
        {label}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={6}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 6))}
          aria-describedby="pin-help"
        />
      </label>
      <div className="keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            aria-label={key === '⌫' ? 'Delete digit' : key === '✓' ? 'Enter PIN' : key}
            disabled={busy || (key === '✓' && pin.length < 4)}
            onClick={() => press(key)}
          >
            {key}
          </button>
        ))}
      </div>
      <p id="pin-help" className="muted">4 to 6 digits, then Enter.</p>
      {busy && <p className="muted">Checking…</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
