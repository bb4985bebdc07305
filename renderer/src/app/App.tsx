import { PairingScreen } from '../pairing/PairingScreen';
import { usePairing } from '../pairing/pairing-store';
import { RegisterProvider } from './register-context';
import { RegisterScreen } from './RegisterScreen';

export function App() {
  const pairing = usePairing((s) => s.pairing);
  if (!pairing) return <PairingScreen />;
  return (
    <RegisterProvider pairing={pairing}>
      <RegisterScreen />
    </RegisterProvider>
  );
}
