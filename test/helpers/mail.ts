// A local SMTP server (the smtp-server package, the real protocol) that keeps every message it accepts,
// parsed by mailparser: Parley's mail is sent to it in the tests.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';

/** A local SMTP server that keeps every message it accepts. */
export interface Inbox {
  port: number;
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived in all. */
  received(count: number): Promise<void>;
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function startInbox(port = 0): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const w of waiters.filter((w) => messages.length >= w.count)) w.resolve();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    messages,
    received: (count) => (messages.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    to: (address) => messages.filter((m) => recipients(m).includes(address)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function recipients(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((a: AddressObject) => a.value.map((v) => v.address ?? ''));
}

