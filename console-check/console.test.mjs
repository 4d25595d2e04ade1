import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, signIn, pageHeading, baseUrl, clientSecret } from './console.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the console page is served with its security headers', async () => {
  const response = await fetch(`${baseUrl}/console`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  const policy = response.headers.get('content-security-policy');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(response.headers.get('cache-control'), 'no-store');
});

test('a store team member signs in and the token stays out of the address and the log', async () => {
  const page = await newPage(browser);
  await page.goto('/console');
  await pageHeading(page, 'Sign in').waitFor();
  await signIn(page);
  await pageHeading(page, 'Customers').waitFor();
  assert.match(page.url(), /\/console#\/customers$/);
  const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('patron.console.token')));
  assert.ok(stored.access_token.length > 20);
  assert.ok(!page.url().includes(stored.access_token));
  assert.ok(!page.logged.some((line) => line.includes(stored.access_token) || line.includes(clientSecret)));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await pageHeading(page, 'Sign in').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patron.console.token')), null);
  await page.context().close();
});
