// A case is one request, kept as a JSON line (see docs/reliability.md "Hostile corpus" for the format). Text in its
// target, headers, body or raw bytes may name fixtures as {name} ({{ is a literal brace); {repeat:N:text} repeats
// text N times, {uuid} is a fresh id, {email} a fresh address.
import crypto from 'node:crypto';

const PLACEHOLDER = /\{\{|\{repeat:(\d+):([^}]*)\}|\{([A-Za-z][\w:.-]*)\}/g;

function fill(text, values) {
  return text.replace(PLACEHOLDER, (match, count, repeated, name) => {
    if (match === '{{') return '{';
    if (count !== undefined) return repeated.repeat(Number(count));
    if (name === 'uuid') return crypto.randomUUID();
    if (name === 'email') return `fresh-${crypto.randomUUID().slice(0, 12)}@hostile.example`;
    if (!(name in values)) throw new Error(`unknown placeholder {${name}}`);
    return values[name];
  });
}

/** The case with every placeholder filled in. */
export function expand(c, values) {
  const filled = { ...c };
  for (const key of ['target', 'raw', 'body']) if (typeof c[key] === 'string') filled[key] = fill(c[key], values);
  if (c.json !== undefined) filled.body = fill(JSON.stringify(c.json), values);
  if (c.headers) {
    filled.headers = Object.fromEntries(Object.entries(c.headers)
      .map(([name, value]) => [name, value === null ? null : fill(String(value), values)]));
  }
  return filled;
}

/**
 * The bytes on the wire. Text is UTF-8 unless the case says "bytes": "latin1" (each character one byte, for bytes
 * that are not UTF-8). Host, Connection: close and Content-Length are added unless the case sets them (null: omit).
 */
export function requestBytes(c, host) {
  const encoding = c.bytes === 'latin1' ? 'latin1' : 'utf8';
  if (c.raw !== undefined) return Buffer.from(c.raw, encoding);
  const body = c.body === undefined ? null : Buffer.from(c.body, encoding);
  const headers = { Host: host, Connection: 'close', ...(body ? { 'Content-Length': String(body.length) } : {}) };
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    if (value !== null) headers[name] = value;
  }
  const head = `${c.method} ${c.target} HTTP/1.1\r\n`
    + Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('') + '\r\n';
  return Buffer.concat([Buffer.from(head, encoding), body ?? Buffer.alloc(0)]);
}
