import { useState } from 'react';
import { useRegister } from '../app/register-context';
import { unpairRefusal, unpairRegister } from './unpair';

/** A manager's "Unpair": refused, with the reason, while anything waits to be sent. */
export function UnpairButton() {
  const { db } = useRegister();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'confirm' } | { kind: 'refused'; reason: string }>({ kind: 'idle' });
  const ask = async () => {
    const reason = await unpairRefusal(db);
    setState(reason ? { kind: 'refused', reason } : { kind: 'confirm' });
  };
  const confirm = async () => {
    const result = await unpairRegister(db);
    if (!result.ok) setState({ kind: 'refused', reason: result.reason });
  };
  return (
    <span className="unpair">
      {state.kind === 'confirm' ? (
        <button type="button" onClick={() => void confirm()}>
          Yes, unpair this register
        </button>
      ) : (
        <button type="button" onClick={() => void ask()}>
          Unpair
        </button>
      )}
      {state.kind === 'refused' && (
        <span role="alert" data-testid="unpair-refused">
          Cannot unpair: {state.reason}
        </span>
      )}
    </span>
  );
}
