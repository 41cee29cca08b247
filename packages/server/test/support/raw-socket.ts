// Raw HTTP/1.1 over a TCP socket on 127.0.0.1: for what a well-behaved client library would not send
// (malformed requests, oversized headers) and for clients that only read the answer once their upload is done.
import net from 'node:net';

export interface RawExchange {
  /** Everything the server sent, as text. */
  text: string;
  /** The socket error seen, if any (ECONNRESET, EPIPE, ...). */
  error: string | null;
  /** Status code of the first answer, or 0 when none arrived. */
  status: number;
  /** Header block of the first answer, lower-cased names. */
  headers: Record<string, string>;
  /** Body of the first answer. */
  body: string;
}

function parse(text: string, error: string | null): RawExchange {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  return { text, error, status, headers, body: end < 0 ? '' : text.slice(end + 4) };
}

/**
 * Send `parts` one after the other, `gapMs` apart, reading nothing until the last one is written (the way
 * many simple clients upload); then collect the first answer until it is complete (its Content-Length),
 * the server closes, or `waitMs` passes.
 */
export function rawExchange(url: string, parts: Array<string | Buffer>, options: { gapMs?: number; waitMs?: number } = {}): Promise<RawExchange> {
  const { port, hostname } = new URL(url);
  const gapMs = options.gapMs ?? 0;
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.pause();
    let text = '';
    let error: string | null = null;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(text, error));
    };
    const timer = setTimeout(finish, options.waitMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const answer = parse(text, null);
      const length = Number(answer.headers['content-length']);
      if (answer.status > 0 && Number.isInteger(length) && Buffer.byteLength(answer.body, 'latin1') >= length) finish();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? String(e)));
    socket.on('close', finish);
    let i = 0;
    const next = () => {
      if (settled || socket.destroyed) return;
      if (i >= parts.length) {
        socket.resume();
        return;
      }
      socket.write(parts[i++]);
      if (gapMs > 0) setTimeout(next, gapMs);
      else next();
    };
    socket.once('connect', next);
  });
}
