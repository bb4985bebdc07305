import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Pairing } from '../pairing/pairing-store';
import { watchSync } from '../sync/sync-store';
import { openRegister, type Register } from './open-register';

const RegisterContext = createContext<Register | null>(null);

export function useRegister(): Register {
  const register = useContext(RegisterContext);
  if (!register) throw new Error('useRegister outside <RegisterProvider>');
  return register;
}

export function RegisterProvider({ pairing, children }: { pairing: Pairing; children: ReactNode }) {
  const [register, setRegister] = useState<Register | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let opened: Register | null = null;
    let unwatch = () => {};
    let cancelled = false;
    openRegister(pairing).then(
      (r) => {
        opened = r;
        if (cancelled) return void r.close();
        unwatch = watchSync(r);
        setRegister(r);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
      unwatch();
      void opened?.close();
    };
  }, [pairing]);

  if (error) return <p role="alert" className="error page">The local database could not open: {error}</p>;
  if (!register) return <p className="muted page">Opening the register…</p>;
  return <RegisterContext.Provider value={register}>{children}</RegisterContext.Provider>;
}
