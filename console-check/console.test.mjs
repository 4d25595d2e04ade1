// The console end to end, in a real headless Chromium against a started Patron: what a store team member does, each
// step awaited on what the page shows (never a fixed wait), plus what must never happen (a storefront token opening
// the console, a token or a customer's data in the log or the address).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, newPage, signIn, pageHeading, baseUrl, clientId, clientSecret, unique, accessToken, callApi, screenshot,
} from './console.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The store's customers flow (created by the first run against this store) with a field of this run's own. */
async function shoeSizeField(token, tag) {
  const { data: flows } = await callApi(token, 'GET', '/v2/flows');
  const flow = flows.find((candidate) => candidate.slug === 'customers') ?? (await callApi(token, 'POST', '/v2/flows', {
    data: { type: 'flow', slug: 'customers', name: 'Customer extras', enabled: true },
  })).data;
  const { data: field } = await callApi(token, 'POST', '/v2/fields', {
    data: {
      type: 'field', name: `Shoe size ${tag}`, slug: `shoe_size_${tag}`, field_type: 'integer', enabled: true,
      required: false, personal_data: false, validation_rules: [{ type: 'between', options: { from: 1, to: 60 } }],
      relationships: { flow: { data: { type: 'flow', id: flow.id } } },
    },
  });
  return field;
}

/** What the API answers for a customer: used to check that the page shows what is stored. */
const stored = (token, id) => callApi(token, 'GET', `/v2/customers/${id}`).then((answer) => answer.data);

test('the console page is served with its security headers', async () => {
  const response = await fetch(`${baseUrl}/console`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  const policy = response.headers.get('content-security-policy');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const refused = await fetch(`${baseUrl}/console`, { method: 'POST' });
  assert.equal(refused.status, 405);
  assert.equal((await refused.json()).errors[0].status, 405, 'in the contract\'s error format');
});

test('a store team member signs in, and a wrong secret is refused on the form', async () => {
  const page = await newPage(browser);
  await page.goto('/console');
  await pageHeading(page, 'Sign in').waitFor();
  await page.getByLabel('Client id').fill(clientId);
  await page.getByLabel('Client secret').fill('not the secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.form-error').filter({ hasText: /./ }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patron.console.token')), null);

  await signIn(page);
  await pageHeading(page, 'Customers').waitFor();
  assert.match(page.url(), /\/console#\/customers$/);
  await page.waitForFunction(() => document.activeElement?.id === 'page-heading'); // focus moves to the heading
  const kept = await page.evaluate(() => JSON.parse(sessionStorage.getItem('patron.console.token')));
  assert.ok(kept.access_token.length > 20);
  assert.ok(!page.url().includes(kept.access_token));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await pageHeading(page, 'Sign in').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patron.console.token')), null);
  assert.ok(!page.logged.some((line) => line.includes(kept.access_token) || line.includes(clientSecret)));
  await page.context().close();
});

test('a customer\'s life in the console: create with a custom field, search, open, address, edit, history, '
  + 'state at an instant, an order checked out through the API, deletion and the redacted history', async (t) => {
  const tag = unique('').replace(/-/g, '');
  const token = (await accessToken('client_credentials')).access_token;
  const shoeSize = await shoeSizeField(token, tag);
  const name = `Ron Swanson ${tag}`;
  const email = `ron.${tag}@example.com`;
  const page = await newPage(browser);
  await page.goto('/console#/customers');
  await signIn(page);
  await pageHeading(page, 'Customers').waitFor();
  let customerId;

  await t.test('create, with the API\'s validation of the custom field shown next to it', async () => {
    await page.getByRole('link', { name: 'New customer' }).click();
    const form = page.getByRole('region', { name: 'New customer' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel(`Shoe size ${tag}`).fill('99');
    await form.getByRole('button', { name: 'Create customer' }).click();
    const sizeInput = form.getByLabel(`Shoe size ${tag}`);
    await form.locator(`[data-field="${shoeSize.slug}"] .field-error`).filter({ hasText: /./ }).waitFor();
    assert.equal(await sizeInput.getAttribute('aria-invalid'), 'true');
    assert.ok(await sizeInput.evaluate((input) => input === document.activeElement), 'focus on the field in error');

    await sizeInput.fill('42');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await pageHeading(page, name).waitFor();
    customerId = decodeURIComponent(page.url().split('#/customers/')[1]);
    assert.equal((await stored(token, customerId))[shoeSize.slug], 42);
  });

  await t.test('search by name and by the custom field, with the filter built by the form', async () => {
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await pageHeading(page, 'Customers').waitFor();
    const search = page.getByRole('search', { name: 'Search customers' });
    await search.getByLabel('Name contains').fill(`swanson ${tag}`);
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: '1 customer', exact: true }).waitFor();
    const found = page.getByRole('table', { name: 'Customers found' });
    assert.equal(await found.getByRole('row').count(), 2, 'a heading row and one customer');
    assert.equal(await found.getByRole('cell', { name: email }).count(), 1);

    await search.getByLabel('Name contains').fill('');
    await search.getByLabel(`Shoe size ${tag}`).fill('42');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`cf\\.shoe_size_${tag}=42`));
    await page.getByRole('heading', { name: '1 customer', exact: true }).waitFor();
    await screenshot(page, 'customers');
    await found.getByRole('link', { name }).click();
    await pageHeading(page, name).waitFor();
    assert.equal(decodeURIComponent(page.url().split('#/customers/')[1]), customerId);
  });

  await t.test('add an address', async () => {
    await page.getByText('Add an address').click();
    const addresses = page.getByRole('region', { name: 'Addresses' });
    await addresses.getByLabel('Label (home, work)').fill('Cabin');
    await addresses.getByLabel('First name').fill('Ron');
    await addresses.getByLabel('Last name').fill('Swanson');
    await addresses.getByLabel('Address line 1').fill('1 Sycamore Lane');
    await addresses.getByLabel('City').fill('Pawnee');
    await addresses.getByLabel('Postcode').fill('47998');
    await addresses.getByLabel('Country').fill('US');
    await addresses.getByRole('button', { name: 'Add address' }).click();
    await addresses.getByText('Cabin: Ron Swanson, 1 Sycamore Lane, 47998 Pawnee, US').waitFor();
    const { data } = await callApi(token, 'GET', `/v2/customers/${customerId}/addresses`);
    assert.deepEqual(data.map((address) => address.line_1), ['1 Sycamore Lane']);
  });

  const newName = `Ronald Swanson ${tag}`;
  await t.test('edit, and see the history entry with its actor, before and after', async () => {
    await page.getByText('Edit details').click();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByLabel('Name').fill(newName);
    await details.getByRole('button', { name: 'Save changes' }).click();
    await pageHeading(page, newName).waitFor();
    assert.equal((await stored(token, customerId)).name, newName);

    const history = page.getByRole('region', { name: 'History' });
    const update = history.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^customer\.updated/ }) });
    await update.waitFor();
    assert.match(await update.innerText(), new RegExp(`by client ${clientId}`));
    const change = update.getByRole('row').filter({ has: page.getByRole('cell', { name: 'name', exact: true }) });
    assert.deepEqual(await change.getByRole('cell').allInnerTexts(), ['name', name, newName]);
    await screenshot(page, 'customer');
  });

  await t.test('the state at an earlier instant shows the customer as they were', async () => {
    const history = page.getByRole('region', { name: 'History' });
    const created = history.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^customer\.created/ }) });
    await created.getByRole('link', { name: 'Show the customer as of this change' }).click();
    await pageHeading(page, name).waitFor();
    await page.getByText('Showing the customer as they were at').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Addresses then' }).getByText('No addresses.').count(), 1,
      'the address came later');
    await page.getByRole('link', { name: 'back to now' }).click();
    await pageHeading(page, newName).waitFor();

    const picker = page.getByRole('form', { name: 'State at an instant' });
    await picker.getByLabel('Show the customer as they were at').fill('2001-01-01T00:00');
    await picker.getByRole('button', { name: 'Show state' }).click();
    await pageHeading(page, 'Customer not found at that instant').waitFor();
    await page.goBack();
    await pageHeading(page, newName).waitFor();
  });

  await t.test('an order checked out through the API shows on the page; mark it paid and fulfilled', async () => {
    const cart = unique('console-cart');
    await callApi(token, 'POST', `/v2/carts/${cart}/items`, {
      data: { type: 'custom_item', name: 'Mustache wax', sku: 'MUSTACHE-WAX', quantity: 2, price: { amount: 1500, includes_tax: true } },
    });
    const address = { first_name: 'Ron', last_name: 'Swanson', line_1: '1 Sycamore Lane', postcode: '47998', country: 'US' };
    const { data: order } = await callApi(token, 'POST', `/v2/carts/${cart}/checkout`, {
      data: { customer: { id: customerId }, billing_address: address, shipping_address: address },
    });
    await page.reload();
    await pageHeading(page, newName).waitFor();
    const orders = page.getByRole('region', { name: 'Orders' });
    const row = orders.getByRole('table', { name: 'Orders of this customer' }).getByRole('row')
      .filter({ has: page.getByRole('link', { name: order.id.slice(0, 8) }) });
    assert.deepEqual((await row.getByRole('cell').allInnerTexts()).slice(2),
      ['incomplete', 'unpaid', 'unfulfilled', '$30.00']);
    const items = orders.getByRole('table', { name: `Items of order ${order.id.slice(0, 8)}` });
    assert.deepEqual((await items.getByRole('row').nth(1).getByRole('cell').allInnerTexts()),
      ['Mustache wax', 'MUSTACHE-WAX', '2', '$15.00', '$30.00']);

    await orders.getByRole('button', { name: `Mark paid: order ${order.id.slice(0, 8)}` }).click();
    await row.getByRole('cell', { name: 'paid', exact: true }).waitFor();
    await orders.getByRole('button', { name: `Mark fulfilled: order ${order.id.slice(0, 8)}` }).click();
    await row.getByRole('cell', { name: 'fulfilled', exact: true }).waitFor();
    const { data: after } = await callApi(token, 'GET', `/v2/orders/${order.id}`);
    assert.deepEqual([after.payment, after.shipping], ['paid', 'fulfilled']);
  });

  await t.test('delete, told what erasure means, and see the history redacted', async () => {
    await page.getByRole('button', { name: 'Delete customer…' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${newName}?` });
    await dialog.getByText(/erases this customer's personal data for good/).waitFor();
    await dialog.getByRole('button', { name: 'Delete and erase' }).click();
    await pageHeading(page, 'Customer deleted or not found').waitFor();
    const history = page.getByRole('region', { name: 'History' });
    // In the services layout the query service may use the erased keys from memory for up to 30 s
    // (patron.privacy.key-cache-ttl); the page reads the history again until then.
    await history.getByText('personal data was erased').waitFor({ timeout: 60_000 });
    await page.waitForFunction((gone) => !document.body.innerText.includes(gone), newName, { timeout: 60_000 });
    const entry = (type) => history.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^${type}`) }) });
    await entry('customer.deleted').getByText(`by client ${clientId}`).waitFor();
    const created = entry('customer.created').getByRole('row').filter({ has: page.getByRole('cell', { name: 'name', exact: true }) });
    assert.deepEqual(await created.getByRole('cell').allInnerTexts(), ['name', '—', 'redacted']);
    assert.match(await entry('customer.updated').innerText(), /by client .*What changed was personal data: redacted\./s);
    assert.ok(!(await page.locator('body').innerText()).includes(email), 'nothing of the customer is left on the page');
  });

  assert.ok(!page.logged.some((line) => line.includes(email) || line.includes(tag) || line.includes(token)),
    `nothing of the customer or the token in the log: ${page.logged.join(' | ')}`);
  await page.context().close();
});

/** A customer with an order checked out through the API, as a storefront's checkout makes it. */
async function customerWithOrder(token, tag) {
  const { data: customer } = await callApi(token, 'POST', '/v2/customers', {
    data: { type: 'customer', name: `April Ludgate ${tag}`, email: `april.${tag}@example.com` },
  });
  const cart = unique('console-cart');
  await callApi(token, 'POST', `/v2/carts/${cart}/items`, {
    data: { type: 'custom_item', name: 'Steak', sku: 'STEAK', quantity: 1, price: { amount: 2999, includes_tax: true } },
  });
  const address = { first_name: 'April', last_name: 'Ludgate', line_1: '2 Pawnee Way', postcode: '47998', country: 'US' };
  const { data: order } = await callApi(token, 'POST', `/v2/carts/${cart}/checkout`, {
    data: { customer: { id: customer.id }, billing_address: address, shipping_address: address },
  });
  return { customer, order };
}

test('orders: list and filter all orders, open one, and reach its customer', async () => {
  const tag = unique('').replace(/-/g, '');
  const token = (await accessToken('client_credentials')).access_token;
  const { customer, order } = await customerWithOrder(token, tag);
  const page = await newPage(browser);
  await page.goto('/console#/orders');
  await signIn(page);
  await pageHeading(page, 'Orders').waitFor();
  const filter = page.getByRole('search', { name: 'Filter orders' });
  await filter.getByLabel('Buyer\'s email is').fill(customer.email);
  await filter.getByLabel('Payment').selectOption('unpaid');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('heading', { name: '1 order', exact: true }).waitFor();
  const row = page.getByRole('table', { name: 'Orders found' }).getByRole('row').nth(1);
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).slice(2),
    [`${customer.name} <${customer.email}>`, 'incomplete', 'unpaid', 'unfulfilled', '$29.99']);
  await screenshot(page, 'orders');

  await row.getByRole('link', { name: order.id.slice(0, 8) }).click();
  await pageHeading(page, `Order ${order.id.slice(0, 8)}`).waitFor();
  const items = page.getByRole('table', { name: `Items of order ${order.id.slice(0, 8)}` });
  assert.deepEqual(await items.getByRole('row').nth(1).getByRole('cell').allInnerTexts(),
    ['Steak', 'STEAK', '1', '$29.99', '$29.99']);
  await page.getByRole('button', { name: `Mark paid: order ${order.id.slice(0, 8)}` }).click();
  await page.locator('dl.details dd').filter({ hasText: /^paid$/ }).waitFor();
  await page.getByRole('button', { name: `Mark fulfilled: order ${order.id.slice(0, 8)}` }).click();
  await page.locator('dl.details dd').filter({ hasText: /^fulfilled$/ }).waitFor();
  await screenshot(page, 'order');
  await page.getByRole('link', { name: 'Open the customer' }).click();
  await pageHeading(page, customer.name).waitFor();
  await page.context().close();
});

test('an expired session sends the user to sign in and back to where they were', async () => {
  const page = await newPage(browser);
  await page.goto('/console');
  await signIn(page);
  await pageHeading(page, 'Customers').waitFor();
  await page.evaluate(() => {
    const token = JSON.parse(sessionStorage.getItem('patron.console.token'));
    sessionStorage.setItem('patron.console.token', JSON.stringify({ ...token, expires: Math.floor(Date.now() / 1000) - 1 }));
  });
  await page.goto('/console#/customers?name=leslie&sort=name');
  await pageHeading(page, 'Sign in').waitFor();
  await signIn(page);
  await pageHeading(page, 'Customers').waitFor();
  assert.match(page.url(), /#\/customers\?name=leslie&sort=name$/);
  assert.equal(await page.getByLabel('Name contains').inputValue(), 'leslie');
  await page.context().close();
});

test('a storefront token cannot open the console', async () => {
  const storefront = await accessToken('implicit');
  assert.equal(storefront.identifier, 'implicit');
  const page = await newPage(browser);
  await page.goto('/console');
  await pageHeading(page, 'Sign in').waitFor();
  assert.ok(await page.getByLabel('Client secret').evaluate((input) => input.required),
    'the form takes client credentials only: a secret is required');
  await page.evaluate((token) => sessionStorage.setItem('patron.console.token',
    JSON.stringify({ access_token: token.access_token, expires: token.expires })), storefront);
  await page.goto('/console#/customers');
  await pageHeading(page, 'Sign in').waitFor();
  await page.getByRole('alert').filter({ hasText: 'This token is not a back-office token' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patron.console.token')), null);
  assert.equal(await page.getByRole('table').count(), 0);
  await page.context().close();
});

test('the console works at a phone\'s width: no sideways scrolling, the navigation reachable', async () => {
  const page = await newPage(browser, { width: 375, height: 740 });
  await page.goto('/console');
  await signIn(page);
  await pageHeading(page, 'Customers').waitFor();
  await page.getByRole('table', { name: 'Customers found' }).or(page.getByText('No customer matches.')).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).waitFor();
  await page.context().close();
});
