import type { ClientDoc } from '../../../shared/schemas/index';

/**
 * Clients matching what the front desk typed: every word must appear in the name or the
 * email, and digits typed match the phone whatever its punctuation. Best first: a name that
 * starts with the query, then alphabetical.
 */
export function matchClients(clients: readonly ClientDoc[], query: string, limit = 8): ClientDoc[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const digits = query.replace(/\D/g, '');
  const matches = clients.filter((client) => {
    const text = `${client.name} ${client.email ?? ''}`.toLowerCase();
    if (words.every((word) => text.includes(word))) return true;
    return digits.length >= 3 && (client.phone ?? '').replace(/\D/g, '').includes(digits);
  });
  const first = words.join(' ');
  return matches
    .sort((a, b) => Number(b.name.toLowerCase().startsWith(first)) - Number(a.name.toLowerCase().startsWith(first)) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** A new client from the quick-add form, or the reason it cannot be saved. */
export function newClient(
  input: { name: string; phone: string; email: string },
  scope: { id: string; tenantId: string; now: Date },
): ClientDoc | { error: string } {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const phone = input.phone.trim() || null;
  const email = input.email.trim().toLowerCase() || null;
  if (!name) return { error: 'Enter the client’s name.' };
  if (phone && phone.replace(/\D/g, '').length < 7) return { error: 'That phone number is too short.' };
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { error: 'That email address does not look right.' };
  const at = scope.now.toISOString();
  return { id: scope.id, tenantId: scope.tenantId, name, phone, email, createdAt: at, updatedAt: at };
}
