// The back-office access token lives in this tab's sessionStorage only: never in a URL, a cookie or a log. It goes
// when the tab closes, at sign-out, when it expires and when the API refuses it.
const TOKEN_KEY = 'patron.console.token';
// Where the user was when their session ended, so that signing in again takes them back there.
const PLACE_KEY = 'patron.console.place';

/** The stored token, or null when there is none or it has expired. */
export function currentToken() {
  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (!stored) return null;
  let token;
  try {
    token = JSON.parse(stored);
  } catch {
    signOut();
    return null;
  }
  if (typeof token?.access_token !== 'string' || !(token.expires * 1000 > Date.now())) {
    signOut();
    return null;
  }
  return token;
}

/** Keeps the answer of POST /oauth/access_token: the token and when it expires (seconds since the epoch). */
export function keepToken(answer) {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ access_token: answer.access_token, expires: answer.expires }));
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function rememberPlace(hash) {
  if (hash && !hash.startsWith('#/sign-in')) sessionStorage.setItem(PLACE_KEY, hash);
}

/** The remembered place (forgotten once taken), or the customers list. */
export function takePlace() {
  const place = sessionStorage.getItem(PLACE_KEY);
  sessionStorage.removeItem(PLACE_KEY);
  return place ?? '#/customers';
}
