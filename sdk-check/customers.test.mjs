import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backOffice, storefront, unique, rejection } from './patron.mjs';

const ISO_8601_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

test('the back office authenticates with client credentials', async () => {
  const credentials = await backOffice().Authenticate();
  assert.equal(credentials.token_type, 'Bearer');
  assert.equal(credentials.identifier, 'client_credentials');
  assert.ok(credentials.expires > Date.now() / 1000);
  assert.ok(credentials.access_token.split('.').length === 3, 'a signed JWT');
});

test('customers are created, filtered, paged, sorted, updated and deleted through the SDK', async (t) => {
  const sdk = backOffice();
  const tag = unique('sdk');
  const names = ['Alpha', 'Bravo', 'Charlie'].map((n) => `${n} ${tag}`);
  const created = [];
  for (const [i, name] of names.entries()) {
    const { data } = await sdk.Customers.Create({
      type: 'customer', name, email: `${tag}.${i}@Example.com`, ...(i === 0 ? { password: 'correct horse battery' } : {}),
    });
    created.push(data);
  }

  await t.test('create answers the customer object of the contract', () => {
    const first = created[0];
    assert.equal(first.type, 'customer');
    assert.equal(first.name, names[0]);
    assert.equal(first.email, `${tag}.0@Example.com`, 'kept as entered');
    assert.equal(first.password, true);
    assert.equal(created[1].password, false);
    assert.match(first.meta.timestamps.created_at, ISO_8601_UTC);
    assert.match(first.meta.timestamps.updated_at, ISO_8601_UTC);
  });

  await t.test('eq(email) finds exactly that customer, whatever the case', async () => {
    const { data } = await sdk.Customers.Filter({ eq: { email: `${tag}.1@example.COM` } }).All();
    assert.deepEqual(data.map((c) => c.id), [created[1].id]);
  });

  await t.test('like(name) with wildcards finds all of them', async () => {
    const { data, meta } = await sdk.Customers.Filter({ like: { name: `*${tag}*` } }).All();
    assert.equal(data.length, 3);
    assert.equal(meta.results.total, 3);
  });

  await t.test('pages through a list with meta and links', async () => {
    const first = await sdk.Customers.Filter({ like: { name: `*${tag}` } }).Sort('name').Limit(2).All();
    assert.deepEqual(first.data.map((c) => c.name), names.slice(0, 2));
    assert.equal(first.meta.page.limit, 2);
    assert.equal(first.meta.page.offset, 0);
    assert.equal(first.meta.page.current, 1);
    assert.equal(first.meta.page.total, 2);
    assert.equal(first.meta.results.total, 3);
    assert.ok(first.links.next, 'a next link');
    const second = await sdk.Customers.Filter({ like: { name: `*${tag}` } }).Sort('name').Limit(2).Offset(2).All();
    assert.deepEqual(second.data.map((c) => c.name), names.slice(2));
    assert.equal(second.meta.page.current, 2);
  });

  await t.test('sorts descending with a leading minus', async () => {
    const { data } = await sdk.Customers.Filter({ like: { name: `*${tag}` } }).Sort('-name').All();
    assert.deepEqual(data.map((c) => c.name), [...names].reverse());
  });

  await t.test('updates, and the next read shows it', async () => {
    const { data } = await sdk.Customers.Update(created[2].id, { type: 'customer', name: `Delta ${tag}` });
    assert.equal(data.name, `Delta ${tag}`);
    const read = await sdk.Customers.Get(created[2].id);
    assert.equal(read.data.name, `Delta ${tag}`);
  });

  await t.test('deletes, and the customer is gone', async () => {
    await sdk.Customers.Delete(created[2].id);
    const gone = await rejection(sdk.Customers.Get(created[2].id));
    assert.equal(gone.errors[0].status, 404);
  });

  await t.test('a duplicate email, in any case, is a 409', async () => {
    const duplicate = await rejection(sdk.Customers.Create({ type: 'customer', name: 'Copy', email: `${tag}.0@EXAMPLE.com` }));
    assert.equal(duplicate.errors[0].status, 409);
  });
});

test('a storefront may sign a shopper up but not list customers', async () => {
  const sdk = storefront();
  const tag = unique('shop');
  const { data } = await sdk.Customers.Create({ type: 'customer', name: `Shopper ${tag}`, email: `${tag}@example.com`, password: 'a long enough secret' });
  assert.equal(data.password, true);
  const listing = await rejection(sdk.Customers.All());
  assert.equal(listing.errors[0].status, 403);
  const reading = await rejection(sdk.Customers.Get(data.id));
  assert.equal(reading.errors[0].status, 403);
});
