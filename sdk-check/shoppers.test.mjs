import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storefront, unique, rejection } from './patron.mjs';

const PASSWORD = 'correct horse battery staple';

async function signUp(sdk, tag) {
  const email = `${tag}@example.com`;
  const { data } = await sdk.Customers.Create({ type: 'customer', name: `Shopper ${tag}`, email, password: PASSWORD });
  return { id: data.id, email };
}

test('a shopper logs in with a password and manages their own details and addresses with the customer token', async (t) => {
  const sdk = storefront();
  const shopper = await signUp(sdk, unique('shopper'));
  const stranger = await signUp(sdk, unique('stranger'));

  const { data: login } = await sdk.Customers.TokenViaPassword(shopper.email.toUpperCase(), PASSWORD);
  const token = login.token;

  await t.test('the customer token is the contract\'s token object', () => {
    assert.equal(login.type, 'token');
    assert.equal(login.customer_id, shopper.id);
    assert.equal(token.split('.').length, 3, 'a signed JWT');
    const hours = (login.expires - Date.now() / 1000) / 3600;
    assert.ok(hours > 23.9 && hours <= 24, `valid 24 hours, not ${hours}`);
  });

  await t.test('a wrong password and an unknown email get the same 401', async () => {
    const wrongPassword = await rejection(sdk.Customers.TokenViaPassword(shopper.email, 'not the password'));
    const unknownEmail = await rejection(sdk.Customers.TokenViaPassword(`${unique('nobody')}@example.com`, PASSWORD));
    assert.equal(wrongPassword.errors[0].status, 401);
    assert.deepEqual(unknownEmail, wrongPassword);
  });

  await t.test('reads and updates their own details, and nobody else\'s', async () => {
    const own = await sdk.Customers.Get(shopper.id, token);
    assert.equal(own.data.email, shopper.email);
    const updated = await sdk.Customers.Update(shopper.id, { name: 'Renamed Shopper' }, token);
    assert.equal(updated.data.name, 'Renamed Shopper');
    const other = await rejection(sdk.Customers.Get(stranger.id, token));
    assert.equal(other.errors[0].status, 403);
    assert.ok(!JSON.stringify(other).includes(stranger.email), 'reveals nothing');
  });

  await t.test('manages their own addresses', async () => {
    const body = { name: 'home', first_name: 'Ron', last_name: 'Swanson', line_1: '1 Woodland Way', city: 'Pawnee', postcode: '47998', country: 'US' };
    const { data: created } = await sdk.CustomerAddresses.Create({ customer: shopper.id, body, token });
    assert.equal(created.type, 'address');
    assert.equal(created.line_1, '1 Woodland Way');
    const listed = await sdk.CustomerAddresses.All({ customer: shopper.id, token });
    assert.deepEqual(listed.data.map((a) => a.id), [created.id]);
    const { data: updated } = await sdk.CustomerAddresses.Update({ customer: shopper.id, address: created.id, body: { name: 'cabin' }, token });
    assert.equal(updated.name, 'cabin');
    assert.equal((await sdk.CustomerAddresses.Get({ customer: shopper.id, address: created.id, token })).data.name, 'cabin');
    await sdk.CustomerAddresses.Delete({ customer: shopper.id, address: created.id, token });
    const gone = await rejection(sdk.CustomerAddresses.Get({ customer: shopper.id, address: created.id, token }));
    assert.equal(gone.errors[0].status, 404);
    const elsewhere = await rejection(sdk.CustomerAddresses.All({ customer: stranger.id, token }));
    assert.equal(elsewhere.errors[0].status, 403);
  });

  await t.test('after a password change the earlier token stops working', async () => {
    await sdk.Customers.Update(shopper.id, { password: 'a brand new passphrase' }, token);
    const revoked = await rejection(sdk.Customers.Get(shopper.id, token));
    assert.equal(revoked.errors[0].status, 401);
    const { data: again } = await sdk.Customers.TokenViaPassword(shopper.email, 'a brand new passphrase');
    assert.equal((await sdk.Customers.Get(shopper.id, again.token)).data.id, shopper.id);
  });
});
