// Calls the API on this same host with the back-office token. Errors come back as ApiError, carrying the contract's
// {"errors":[{status,title,detail,source}]}. A refused token ends the session: 401 (expired or revoked) and 403 (a
// token that is not the back office's, as a storefront's) both send the user to sign in, keeping their place.
import { currentToken, signOut, rememberPlace } from './session.js';

export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map((error) => error.detail ?? error.title).join('; ') || `The API answered ${status}`);
    this.status = status;
    this.errors = errors;
  }
}

/** Raised after the user was sent to sign in: the page that called stops there. */
export class SessionEnded extends Error {}

// Why the last session ended, for the sign-in page to say.
let endedBecause = null;

export function takeSessionEndReason() {
  const reason = endedBecause;
  endedBecause = null;
  return reason;
}

function endSession(reason) {
  signOut();
  endedBecause = reason;
  rememberPlace(location.hash);
  location.hash = '#/sign-in';
  return new SessionEnded(reason);
}

/** Builds a query string; `filter` terms are joined with ':' (AND), empty values left out. */
function queryString(query = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, value);
  }
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

export async function api(method, path, { query, body } = {}) {
  const token = currentToken();
  if (!token) throw endSession('Your session has expired. Sign in again to continue where you were.');
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token.access_token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path + queryString(query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (response.status === 401) {
    throw endSession('Your session has expired. Sign in again to continue where you were.');
  }
  if (response.status === 403) {
    throw endSession('This token is not a back-office token: the API refused it. '
      + 'Sign in with the back-office client id and secret.');
  }
  return response.status === 204 ? null : answerOf(response);
}

/** The parsed answer, or ApiError with the contract's errors (or the status alone, if the body is not them). */
async function answerOf(response) {
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, answer?.errors ?? [{ status: response.status, title: response.statusText }]);
  }
  return answer;
}

/** POST /oauth/access_token with client credentials; the answer, or ApiError. */
export async function requestBackOfficeToken(clientId, clientSecret) {
  const response = await fetch('/oauth/access_token', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    cache: 'no-store',
    credentials: 'omit',
  });
  return answerOf(response);
}
