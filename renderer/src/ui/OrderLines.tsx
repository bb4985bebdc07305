import type { OrderDoc } from '../../../shared/schemas/index';

/**
 * A sale's lines as the receipt shows them, everywhere a sale is shown: quantity × name, who
 * performed it, its discount, and its price before discount and tax (the tax is its own line).
 */
export function OrderLines({ order, fmt, name, testId, className }: {
  order: Pick<OrderDoc, 'lines'>;
  fmt(minor: number): string;
  name(staffId: string): string;
  testId: string;
  className?: string;
}) {
  return (
    <table className={className}>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.id} data-testid={testId}>
            <td>
              {line.quantity > 1 && `${line.quantity} × `}
              {line.name}
              {line.staffId && <div className="muted">with {name(line.staffId)}</div>}
              {line.discount > 0 && <div className="muted">discount −{fmt(line.discount)}</div>}
            </td>
            <td className="amount">{fmt(line.unitPrice * line.quantity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
