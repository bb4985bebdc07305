import { Column, Heading, Hr, Row, Section, Text } from '@react-email/components';
import { EmailShell, renderEmail } from '../email-shell';
import type { ReceiptView, ViewRow } from './receipt-view';

const muted = { color: '#71717a', fontSize: '13px', margin: '0' };
const right = { textAlign: 'right' as const };

function Rows({ rows, strong = false }: { rows: ViewRow[]; strong?: boolean }) {
  return rows.map((row, i) => (
    <Row key={i}>
      <Column>
        <Text style={{ margin: '4px 0', fontWeight: strong ? 'bold' : 'normal' }}>{row.label}</Text>
        {row.notes?.map((note) => <Text key={note} style={muted}>{note}</Text>)}
      </Column>
      <Column style={right}>
        <Text style={{ margin: '4px 0', fontWeight: strong ? 'bold' : 'normal' }}>{row.amount}</Text>
      </Column>
    </Row>
  ));
}

/** The receipt email: the location's header, the sale's lines and totals, what was paid and given back. */
function ReceiptEmail({ view }: { view: ReceiptView }) {
  return (
    <EmailShell locale={view.locale} preview={view.subject}>
      <Heading as="h2" style={{ margin: '0' }}>{view.businessName}</Heading>
      <Text style={muted}>{view.locationName}</Text>
      <Text style={muted}>{view.address}</Text>
      <Hr />
      <Heading as="h3">{view.heading}</Heading>
      <Text>{view.strings.receiptIntro}</Text>
      <Text style={{ margin: '0' }}>{`${view.strings.order} ${view.orderNumber}`}</Text>
      <Text style={muted}>{view.date}</Text>
      {view.meta.map((line) => <Text key={line} style={muted}>{line}</Text>)}
      <Hr />
      <Section><Rows rows={view.lines} /></Section>
      <Hr />
      <Section>
        <Rows rows={view.totals} />
        <Rows rows={[{ label: view.strings.paid, amount: view.paid }]} strong />
        <Rows rows={view.tenders} />
        <Rows rows={view.after} />
      </Section>
      {view.giveBacks.length > 0 && (
        <>
          <Hr />
          <Section><Rows rows={view.giveBacks} strong /></Section>
        </>
      )}
      <Hr />
      {view.footer && <Text>{view.footer}</Text>}
      <Text style={muted}>{view.strings.attachmentNote}</Text>
    </EmailShell>
  );
}

/** The receipt email's HTML and plain-text bodies. */
export async function renderReceiptEmail(view: ReceiptView): Promise<{ html: string; text: string }> {
  return renderEmail(<ReceiptEmail view={view} />);
}
