import { useState, type FormEvent } from 'react';
import { MoneyError, parseMajorUnits } from '../../../shared/money/index';
import type { SettingsDoc } from '../../../shared/schemas/index';

/** A line with a name and price typed at the desk; adding it needs a manager. */
export function CustomAmountForm({ settings, onAdd, onCancel }: { settings: SettingsDoc; onAdd(name: string, amount: number): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const minor = parseMajorUnits(amount, settings.currency).amount;
      if (minor <= 0) throw new MoneyError('NEGATIVE_AMOUNT', 'Enter an amount greater than zero.');
      if (!name.trim()) throw new MoneyError('BAD_AMOUNT_STRING', 'Say what the amount is for.');
      onAdd(name.trim(), minor);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form className="card custom-form" aria-label="Custom amount" onSubmit={submit}>
      <label>
        Description
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={200} />
      </label>
      <label>
        Amount
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="row-buttons">
        <button type="submit" className="primary">Add line</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
