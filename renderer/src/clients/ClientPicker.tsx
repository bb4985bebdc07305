import { useState, type FormEvent, type Ref } from 'react';
import { newId } from '../../../shared/ids';
import type { ClientDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { useObservable } from '../ui/use-observable';
import { matchClients, newClient } from './client-search';
import { clock } from '../clock';

/** Find a client by name, phone or email, or add one (offline too), and attach them to the sale. */
export function ClientPicker({ clientId, onChange, inputRef }: { clientId: string | null; onChange(id: string | null): void; inputRef?: Ref<HTMLInputElement> }) {
  const { db, pairing } = useRegister();
  const docs = useObservable(() => db.clients.find().$, [], [db]);
  const clients = docs.map((doc) => doc.toJSON() as ClientDoc);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState<{ name: string; phone: string; email: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const attached = clientId ? clients.find((c) => c.id === clientId) : undefined;

  if (clientId) {
    return (
      <div className="client attached" aria-label="Client">
        <span>
          Client: <strong>{attached?.name ?? '…'}</strong> <span className="muted">{attached?.phone ?? attached?.email ?? ''}</span>
        </span>
        <button type="button" className="link" aria-label="Remove client" onClick={() => onChange(null)}>
          ✕
        </button>
      </div>
    );
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!adding) return;
    const client = newClient(adding, { id: newId(), tenantId: pairing.tenantId, now: clock.now() });
    if ('error' in client) return setError(client.error);
    try {
      await db.clients.insert(client);
      onChange(client.id);
      setAdding(null);
      setQuery('');
      setError(null);
    } catch (e) {
      setError(`The client was not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  if (adding) {
    const field = (key: keyof typeof adding, label: string, type = 'text') => (
      <label>
        {label}
        <input type={type} value={adding[key]} onChange={(e) => setAdding({ ...adding, [key]: e.target.value })} autoFocus={key === 'name'} />
      </label>
    );
    return (
      <form className="client card" aria-label="New client" onSubmit={add}>
        <h2>New client</h2>
        {field('name', 'Name')}
        {field('phone', 'Phone', 'tel')}
        {field('email', 'Email', 'email')}
        {error && <p role="alert" className="error">{error}</p>}
        <div className="row-buttons">
          <button type="submit" className="primary">Save client</button>
          <button type="button" onClick={() => (setAdding(null), setError(null))}>Cancel</button>
        </div>
      </form>
    );
  }

  const found = matchClients(clients, query);
  return (
    <div className="client">
      <input
        ref={inputRef}
        type="search"
        aria-label="Find client"
        placeholder="Client: name, phone or email (F4)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && found[0]) {
            e.preventDefault();
            onChange(found[0].id);
            setQuery('');
          }
        }}
      />
      {query.trim() && (
        <ul className="client-results" aria-label="Matching clients">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => (onChange(c.id), setQuery(''))}>
                <strong>{c.name}</strong> <span className="muted">{[c.phone, c.email].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
          {found.length === 0 && <li className="muted">No client matches “{query}”.</li>}
          <li>
            <button
              type="button"
              className="link"
              onClick={() => {
                const digits = query.replace(/\D/g, '');
                const isEmail = query.includes('@');
                setAdding({ name: isEmail || digits.length >= 3 ? '' : query.trim(), phone: !isEmail && digits.length >= 3 ? query.trim() : '', email: isEmail ? query.trim() : '' });
              }}
            >
              + Add new client
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
