import { Body, Button, Container, Head, Heading, Html, Preview, Text } from '@react-email/components';
import { render } from '@react-email/render';

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
    <Html lang={message.locale}>
      <Head />
      <Preview>{message.subject}</Preview>
      <Body style={{ fontFamily: 'Helvetica, Arial, sans-serif', backgroundColor: '#f4f4f5', color: '#18181b' }}>
        <Container style={{ backgroundColor: '#ffffff', padding: '24px', maxWidth: '480px' }}>
          <Heading as="h2">{message.heading}</Heading>
          {message.paragraphs.map((text) => <Text key={text}>{text}</Text>)}
          {message.link && (
            <Button href={message.link.href} style={{ backgroundColor: '#18181b', color: '#ffffff', padding: '10px 16px', borderRadius: '4px' }}>
              {message.link.label}
            </Button>
          )}
        </Container>
      </Body>
    </Html>
  );
}

/** A short message's HTML and plain-text bodies: a heading and a few paragraphs (exports, notices). */
export async function renderSimpleEmail(message: SimpleMessage): Promise<{ html: string; text: string }> {
  const element = <SimpleEmail message={message} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
