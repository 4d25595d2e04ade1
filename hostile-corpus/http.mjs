// One HTTP/1.1 exchange over a raw socket: the corpus sends requests no HTTP client library would (bytes that are
// not UTF-8, broken framing, methods and targets a client refuses), so it writes the bytes itself and reads the
// answer as the server sent it.
import net from 'node:net';

const ANSWER_TIMEOUT_MS = 15_000;

/** Sends `bytes` to host:port and resolves with {status, headers (lower-case names), body (string)}. */
export function exchange(hostname, port, bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port });
    const chunks = [];
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) return reject(error);
      const answer = parse(Buffer.concat(chunks));
      if (answer) resolve(answer);
      else reject(new Error(`no complete HTTP answer (${chunks.length ? 'truncated' : 'connection closed without an answer'})`));
    };
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => finish(parse(Buffer.concat(chunks)) ? null : new Error('no answer in time')));
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (parse(Buffer.concat(chunks))?.complete) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error) => (chunks.length ? finish() : finish(error)));
  });
}

/** The answer in `buffer`, or null while its head is incomplete; `complete` once the whole body has arrived. */
export function parse(buffer) {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine, ...headerLines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match) return null;
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = buffer.subarray(headEnd + 4);
  const status = Number(match[1]);
  let body = rest;
  let complete;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    ({ body, complete } = dechunk(rest));
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    complete = rest.length >= length;
    body = rest.subarray(0, length);
  } else {
    complete = status === 204 || status === 304 || (status >= 100 && status < 200);
  }
  return { status, headers, body: body.toString('utf8'), complete };
}

function dechunk(buffer) {
  const parts = [];
  let offset = 0;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) return { body: Buffer.concat(parts), complete: false };
    const size = parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return { body: Buffer.concat(parts), complete: false };
    if (size === 0) return { body: Buffer.concat(parts), complete: true };
    if (buffer.length < lineEnd + 2 + size + 2) return { body: Buffer.concat(parts), complete: false };
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
