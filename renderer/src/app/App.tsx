import { useEffect, useState } from 'react';
import { PairingScreen } from '../pairing/PairingScreen';
import { usePairing } from '../pairing/pairing-store';
import { RegisterProvider } from './register-context';
import { RegisterScreen } from './RegisterScreen';

/** Resolves once the saved pairing is read (at once in a browser; the keychain answers in Electron). */
function usePairingLoaded(): boolean {
  const [loaded, setLoaded] = useState(() => usePairing.persist.hasHydrated());
  useEffect(() => {
    if (loaded) return;
    const stop = usePairing.persist.onFinishHydration(() => setLoaded(true));
    if (usePairing.persist.hasHydrated()) setLoaded(true);
    return stop;
  }, [loaded]);
  return loaded;
}

export function App() {
  const pairing = usePairing((s) => s.pairing);
  const loaded = usePairingLoaded();
  if (!loaded) return null;
  if (!pairing) return <PairingScreen />;
  return (
    <RegisterProvider pairing={pairing}>
      <RegisterScreen />
    </RegisterProvider>
  );
}
