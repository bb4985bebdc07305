import { Button, Heading, Text } from '@react-email/components';
import { EmailShell, renderEmail } from './email-shell';

export interface SimpleMessage {
  locale: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  /** A call to action: a button in HTML, the address on its own line in plain text. */
  link?: { href: string; label: string };
}

function SimpleEmail({ message }: { message: SimpleMessage }) {
  return (
    <EmailShell locale={message.locale} preview={message.subject}>
      <Heading as="h2">{message.heading}</Heading>
      {message.paragraphs.map((text) => <Text key={text}>{text}</Text>)}
      {message.link && (
        <Button href={message.link.href} style={{ backgroundColor: '#18181b', color: '#ffffff', padding: '10px 16px', borderRadius: '4px' }}>
          {message.link.label}
        </Button>
      )}
    </EmailShell>
  );
}

/** A short message's HTML and plain-text bodies: a heading and a few paragraphs (exports, notices). */
export async function renderSimpleEmail(message: SimpleMessage): Promise<{ html: string; text: string }> {
  return renderEmail(<SimpleEmail message={message} />);
}
