import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backOffice, storefront, unique, rejection } from './patron.mjs';

const PASSWORD = 'correct horse battery staple';
const billing = {
  first_name: 'Ron', last_name: 'Swanson', company_name: 'Very Good Building Co.', line_1: '1 Sycamore Lane',
  line_2: 'Cabin in the woods', city: 'Pawnee', postcode: '47998', county: 'Wamapoke County', country: 'US',
};
const shipping = { ...billing, phone_number: '+1 317 555 0199', instructions: 'Leave it by the woodshed' };
const wax = { name: 'Mustache wax', sku: 'MUSTACHE-WAX', description: 'For a well-kept mustache', quantity: 2, price: { amount: 1500, includes_tax: true } };
const steak = { name: 'Steak', sku: 'STEAK', description: 'Medium rare', quantity: 1, price: { amount: 2999, includes_tax: true } };

async function signedInShopper(sdk, tag) {
  const email = `${tag}@example.com`;
  const { data: customer } = await sdk.Customers.Create({ type: 'customer', name: `Shopper ${tag}`, email, password: PASSWORD });
  const { data: login } = await sdk.Customers.TokenViaPassword(email, PASSWORD);
  return { id: customer.id, email, name: customer.name, token: login.token };
}

test('a shopper fills a cart, checks out with their token, sees the order in their history, and the back office pays it', async (t) => {
  const sdk = storefront();
  const admin = backOffice();
  const shopper = await signedInShopper(sdk, unique('buyer'));
  const stranger = await signedInShopper(sdk, unique('stranger'));
  const cart = unique('cart');

  await t.test('custom items go into the cart, and the totals are computed', async () => {
    const added = await sdk.Cart(cart).AddCustomItem({ ...wax });
    assert.equal(added.data.length, 1);
    assert.equal(added.data[0].type, 'cart_item');
    assert.equal(added.data[0].value.amount, 3000);
    const { data: items, meta } = await sdk.Cart(cart).AddCustomItem({ ...steak });
    assert.deepEqual(items.map((item) => item.sku), ['MUSTACHE-WAX', 'STEAK']);
    assert.deepEqual(meta.display_price.with_tax, { amount: 5999, currency: 'USD', formatted: '$59.99' });
    const steakLine = items.find((item) => item.sku === 'STEAK');
    const changed = await sdk.Cart(cart).UpdateItem(steakLine.id, 2);
    assert.equal(changed.meta.display_price.without_tax.amount, 8998);
    const { data: read } = await sdk.Cart(cart).Get();
    assert.equal(read.id, cart);
    assert.equal(read.meta.display_price.with_tax.amount, 8998, 'read back as written');
  });

  await t.test('the cart becomes the shopper\'s and is listed among their carts', async () => {
    await sdk.Cart(cart).AddCustomerAssociation(shopper.id, shopper.token);
    const { data: carts } = await sdk.Cart().GetCartsList(shopper.token);
    assert.deepEqual(carts.map((c) => c.id), [cart]);
    const { data: theirs } = await sdk.Cart().GetCartsList(stranger.token);
    assert.deepEqual(theirs, []);
  });

  let order;
  await t.test('a checkout as another customer is refused and makes no order', async () => {
    const refused = await rejection(sdk.Cart(cart).Checkout(stranger.id, billing, shipping, { 'X-Moltin-Customer-Token': shopper.token }));
    assert.equal(refused.errors[0].status, 403);
    const noToken = await rejection(sdk.Cart(cart).Checkout(shopper.id, billing, shipping));
    assert.ok([403, 404].includes(noToken.errors[0].status), JSON.stringify(noToken));
    assert.deepEqual((await sdk.Orders.All(shopper.token)).data, []);
  });

  await t.test('the checkout with the shopper\'s token links the order to them', async () => {
    ({ data: order } = await sdk.Cart(cart).Checkout(shopper.id, billing, shipping, { 'X-Moltin-Customer-Token': shopper.token }));
    assert.equal(order.type, 'order');
    assert.equal(order.status, 'incomplete');
    assert.equal(order.payment, 'unpaid');
    assert.equal(order.shipping, 'unfulfilled');
    assert.equal(order.customer.email, shopper.email);
    assert.equal(order.relationships.customer.data.id, shopper.id);
    assert.equal(order.shipping_address.instructions, 'Leave it by the woodshed');
    assert.equal(order.meta.display_price.with_tax.amount, 8998);
    const { data: emptied } = await admin.Cart(cart).Items();
    assert.deepEqual(emptied, [], 'the cart is empty after checkout');
    const hidden = await rejection(sdk.Cart(cart).Items());
    assert.equal(hidden.errors[0].status, 404, 'a customer\'s cart is not reached without their token');
  });

  await t.test('the order is in the shopper\'s history at once, and in no one else\'s', async () => {
    const { data: history } = await sdk.Orders.All(shopper.token);
    assert.deepEqual(history.map((o) => o.id), [order.id]);
    assert.equal((await sdk.Orders.Get(order.id, shopper.token)).data.id, order.id);
    assert.deepEqual((await sdk.Orders.All(stranger.token)).data, []);
    const theirs = await rejection(sdk.Orders.Get(order.id, stranger.token));
    assert.equal(theirs.errors[0].status, 404);
    const withoutCustomerToken = await rejection(sdk.Orders.All());
    assert.equal(withoutCustomerToken.errors[0].status, 403);
  });

  await t.test('the back office pays and fulfils it', async () => {
    const paid = await admin.Orders.Payment(order.id, { gateway: 'manual', method: 'purchase' });
    assert.equal(paid.data.amount, 8998);
    const { data: read } = await admin.Orders.Get(order.id);
    assert.equal(read.payment, 'paid');
    assert.equal(read.status, 'complete');
    const { data: fulfilled } = await admin.Orders.Update(order.id, { shipping: 'fulfilled' });
    assert.equal(fulfilled.shipping, 'fulfilled');
    const again = await rejection(admin.Orders.Payment(order.id, { gateway: 'manual', method: 'purchase' }));
    assert.equal(again.errors[0].status, 422);
    const { data: items } = await admin.Orders.Items(order.id);
    assert.deepEqual(items.map((item) => [item.sku, item.quantity]), [['MUSTACHE-WAX', 2], ['STEAK', 2]]);
    const { data: found } = await admin.Orders.Filter({ eq: { email: shopper.email } }).All();
    assert.deepEqual(found.map((o) => o.id), [order.id]);
  });
});

test('a guest checks out with full details, and the order is in no customer\'s history', async () => {
  const sdk = storefront();
  const admin = backOffice();
  const cart = unique('guest-cart');
  const guestEmail = `${unique('guest')}@example.com`;
  await sdk.Cart(cart).AddCustomItem({ ...wax });
  const { data: order } = await sdk.Cart(cart).Checkout({ name: 'Tom Haverford', email: guestEmail }, billing, shipping);
  assert.equal(order.customer.email, guestEmail);
  assert.equal(order.relationships, undefined, 'linked to no customer');

  const later = await signedInShopper(sdk, guestEmail.split('@')[0]);
  assert.equal(later.email, guestEmail, 'someone signs up with the guest\'s email afterwards');
  assert.deepEqual((await sdk.Orders.All(later.token)).data, [], 'the guest\'s order never becomes theirs');

  const empty = await rejection(sdk.Cart(cart).Checkout({ name: 'Tom Haverford', email: guestEmail }, billing, shipping));
  assert.equal(empty.errors[0].status, 422, 'an emptied cart makes no second order');

  const { data: anonymized } = await admin.Orders.anonymize({ order_ids: [order.id] });
  assert.equal(anonymized[0].customer.email, null);
  assert.equal(anonymized[0].meta.display_price.with_tax.amount, 3000, 'amounts stay');
  assert.deepEqual((await admin.Orders.Filter({ eq: { email: guestEmail } }).All()).data, []);
});
