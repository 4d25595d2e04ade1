// Connects the official SDK to a running Patron. Where it listens and its credentials come from the environment
// that `./patron test` (or a person) sets: PATRON_HOST (host:port), PATRON_CLIENT_ID, PATRON_CLIENT_SECRET.
import { gateway } from '@elasticpath/js-sdk';
import { randomUUID } from 'node:crypto';

export const host = process.env.PATRON_HOST ?? 'localhost:8080';
export const clientId = required('PATRON_CLIENT_ID');
const clientSecret = required('PATRON_CLIENT_SECRET');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set to the credentials of the Patron under test`);
  return value;
}

/** Keeps the SDK's credentials in memory instead of a ./localStorage folder. */
function memoryStorage() {
  const values = new Map();
  return { get: (k) => values.get(k) ?? null, set: (k, v) => values.set(k, v), delete: (k) => values.delete(k) };
}

const common = { host, protocol: 'http', fetchMaxAttempts: 1 };

/** The back office: client credentials, full access. */
export const backOffice = () => gateway({ ...common, storage: memoryStorage(), client_id: clientId, client_secret: clientSecret });

/** A storefront: implicit grant, only what a shopper may do. */
export const storefront = () => gateway({ ...common, storage: memoryStorage(), client_id: clientId });

/** A string no other run or test uses, so runs against a long-lived Patron do not collide. */
export const unique = (prefix) => `${prefix}${randomUUID().slice(0, 8)}`;

/** The SDK rejects with the parsed error body; this returns it so a test can look at its status. */
export async function rejection(promise) {
  try {
    const value = await promise;
    throw new Error(`expected an error answer, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error?.errors) return error;
    throw error;
  }
}
