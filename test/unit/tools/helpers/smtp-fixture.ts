/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 for email tests: password auth,
 * recipients on @rejected.test refused, every accepted message kept raw with its envelope.
 */
import net, { type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  user: string | undefined;
}

export interface SmtpFixture {
  port: number;
  received: ReceivedMail[];
  authAttempts: Array<{ method: string; username: string }>;
  close(): Promise<void>;
}

export async function startSmtpFixture(options: { user: string; password: string; authMethods?: string[]; starttls?: boolean }): Promise<SmtpFixture> {
  const received: ReceivedMail[] = [];
  const authAttempts: Array<{ method: string; username: string }> = [];
  const config: SMTPServerOptions = {
    secure: false,
    // With STARTTLS on, smtp-server upgrades with its built-in self-signed certificate.
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    allowInsecureAuth: !options.starttls,
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      authAttempts.push({ method: auth.method, username: auth.username ?? '' });
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@rejected.test')) {
        const err = new Error(`Mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks).toString('latin1'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, authAttempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A TCP server that accepts connections and never says a word: an SMTP server that hangs. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port with nothing listening on it (bound, read, released). */
export async function freeClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
