// Opens the console of a running Patron in Debian's headless Chromium through playwright-core (which downloads no
// browser of its own). Where Patron listens and its back-office credentials come from the environment that
// `./patron test` (or a person) sets: PATRON_HOST (host:port), PATRON_CLIENT_ID, PATRON_CLIENT_SECRET;
// PATRON_CHROMIUM names another Chromium. With PATRON_CONSOLE_SCREENSHOTS set to a folder (npm run screenshots), the
// tests also save pictures of the main pages there for the docs.
import { chromium } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const host = process.env.PATRON_HOST ?? 'localhost:8080';
export const baseUrl = `http://${host}`;
export const clientId = required('PATRON_CLIENT_ID');
export const clientSecret = required('PATRON_CLIENT_SECRET');
const screenshotFolder = process.env.PATRON_CONSOLE_SCREENSHOTS;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set to the credentials of the Patron under test`);
  return value;
}

/**
 * A fresh browser (its own empty profile). The flags keep Chromium from reaching for Google's services, which this
 * machine's closed network refuses; --no-sandbox because CI runs as root.
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PATRON_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page of a new browser context, with every message the page logs kept in `logged`: the tests check that nothing
 * of a customer and no token ever reaches the console log.
 */
export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  const page = await context.newPage();
  page.logged = [];
  page.on('console', (message) => page.logged.push(message.text()));
  page.on('pageerror', (error) => page.logged.push(`page error: ${error.message}`));
  return page;
}

/** The page's main heading once it shows this text: every route ends by focusing it. */
export function pageHeading(page, name) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** Signs in through the form, as a person would. */
export async function signIn(page) {
  await page.getByLabel('Client id').fill(clientId);
  await page.getByLabel('Client secret').fill(clientSecret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A string no other run or test uses, so runs against a long-lived Patron do not collide. */
export const unique = (prefix) => `${prefix}${randomUUID().slice(0, 8)}`;

/** An access token from the API: the back office's (client credentials) or a storefront's (implicit). */
export async function accessToken(grant) {
  const form = { grant_type: grant, client_id: clientId };
  if (grant === 'client_credentials') form.client_secret = clientSecret;
  const response = await fetch(`${baseUrl}/oauth/access_token`, { method: 'POST', body: new URLSearchParams(form) });
  if (!response.ok) throw new Error(`no ${grant} token: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Calls the API directly (what a storefront does: the checkout of an order), and answers the parsed body. */
export async function callApi(token, method, path, body) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body && JSON.stringify(body) });
  const answer = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Saves a picture of the page for the docs, when asked to (npm run screenshots); a no-op otherwise. */
export async function screenshot(page, name) {
  if (!screenshotFolder) return;
  mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: join(screenshotFolder, `${name}.png`), fullPage: true });
}
