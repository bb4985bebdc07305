import { Body, Container, Head, Html, Preview } from '@react-email/components';
import { render } from '@react-email/render';
import type { ReactElement, ReactNode } from 'react';

/** Every email's frame: the language, the inbox preview line, the page and its white card. */
export function EmailShell({ locale, preview, children }: { locale: string; preview: string; children: ReactNode }) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ fontFamily: 'Helvetica, Arial, sans-serif', backgroundColor: '#f4f4f5', color: '#18181b' }}>
        <Container style={{ backgroundColor: '#ffffff', padding: '24px', maxWidth: '480px' }}>{children}</Container>
      </Body>
    </Html>
  );
}

/** An email's HTML and plain-text bodies, from one element. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
