import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backOffice, storefront, unique, rejection } from './patron.mjs';

test('the back office defines a flow and its fields with the SDK, and disables one', async () => {
  const admin = backOffice();
  const slug = unique('loyalty');
  const { data: flow } = await admin.Flows.Create({ slug, name: 'Loyalty', description: 'Loyalty programme', enabled: true });
  assert.equal(flow.type, 'flow');
  assert.equal(flow.slug, slug);

  const relationship = { flow: { data: { type: 'flow', id: flow.id } } };
  const { data: tier } = await admin.Fields.Create({
    name: 'Tier', slug: 'tier', field_type: 'string', required: false, enabled: true, order: 1, description: 'Loyalty tier',
    validation_rules: [{ type: 'enum', options: ['bronze', 'silver', 'gold'] }], relationships: relationship,
  });
  const { data: age } = await admin.Fields.Create({
    name: 'Age', slug: 'age', field_type: 'integer', required: false, enabled: true, order: 2, description: 'Age in years',
    validation_rules: [{ type: 'between', options: { from: 18, to: 130 } }], relationships: relationship,
  });
  assert.equal(tier.field_type, 'string');
  assert.deepEqual(age.validation_rules[0].options, { from: 18, to: 130 });

  const refused = await rejection(admin.Fields.Create({
    name: 'Tier again', slug: 'tier', field_type: 'string', enabled: true, relationships: relationship,
  }));
  assert.equal(refused.errors[0].status, 422, 'a slug is unique within its flow');

  const { data: disabled } = await admin.Fields.Update(tier.id, { enabled: false });
  assert.equal(disabled.enabled, false);
  const { data: fields } = await admin.Flows.GetFields(slug);
  assert.deepEqual(fields.map((field) => [field.slug, field.enabled]).sort(), [['age', true], ['tier', false]]);

  const shopper = await rejection(storefront().Flows.Create({ slug: unique('nope'), name: 'Nope', enabled: true }));
  assert.equal(shopper.errors[0].status, 403, 'a storefront cannot define fields');
});

/** The store's one customers flow: created by the first run against this store, found by later ones. */
async function customersFlow(admin) {
  const { data: flows } = await admin.Flows.All();
  const existing = flows.find((flow) => flow.slug === 'customers');
  if (existing) {
    return existing;
  }
  return (await admin.Flows.Create({ slug: 'customers', name: 'Customer extras', enabled: true })).data;
}

test('customers carry custom field values through the SDK, filter on them, and lose a disabled field', async () => {
  const admin = backOffice();
  const flow = await customersFlow(admin);
  const relationship = { flow: { data: { type: 'flow', id: flow.id } } };
  // Slugs of this run's own, so that a second run against the same store defines fields of its own.
  const tierSlug = unique('tier_');
  const pointsSlug = unique('points_');
  const { data: tier } = await admin.Fields.Create({
    name: 'Tier', slug: tierSlug, field_type: 'string', enabled: true, order: 1, default: 'bronze',
    validation_rules: [{ type: 'enum', options: ['bronze', 'silver', 'gold'] }], relationships: relationship,
  });
  const { data: points } = await admin.Fields.Create({
    name: 'Points', slug: pointsSlug, field_type: 'integer', enabled: true, order: 2, relationships: relationship,
  });

  const tag = unique('cf');
  const { data: ron } = await admin.Customers.Create({
    type: 'customer', name: `Ron ${tag}`, email: `ron.${tag}@example.com`, [tierSlug]: 'gold', [pointsSlug]: 1200,
  });
  const { data: ann } = await admin.Customers.Create({
    type: 'customer', name: `Ann ${tag}`, email: `ann.${tag}@example.com`, [pointsSlug]: 300,
  });
  assert.equal(ron[tierSlug], 'gold');
  assert.equal(ron[pointsSlug], 1200);
  assert.equal(ann[tierSlug], 'bronze', 'a customer without a value shows the default');

  const refused = await rejection(admin.Customers.Create({
    type: 'customer', name: `Leslie ${tag}`, email: `leslie.${tag}@example.com`, [tierSlug]: 'platinum',
  }));
  assert.equal(refused.errors[0].status, 422);
  assert.equal(refused.errors[0].source, `data.${tierSlug}`);

  const golden = await admin.Customers.Filter({ eq: { [tierSlug]: 'gold' } }).All();
  assert.deepEqual(golden.data.map((customer) => customer.id), [ron.id]);
  const many = await admin.Customers.Filter({ gt: { [pointsSlug]: 500 }, like: { name: `*${tag}` } }).All();
  assert.deepEqual(many.data.map((customer) => customer.id), [ron.id]);
  const byPoints = await admin.Customers.Filter({ like: { name: `*${tag}` } }).Sort(`-${pointsSlug}`).All();
  assert.deepEqual(byPoints.data.map((customer) => customer.id), [ron.id, ann.id]);

  await admin.Fields.Update(points.id, { enabled: false });
  const { data: after } = await admin.Customers.Get(ron.id);
  assert.equal(pointsSlug in after, false, 'a disabled field is no longer shown');
  assert.equal(after[tierSlug], 'gold');

  await admin.Fields.Delete(points.id);
  await admin.Fields.Delete(tier.id);
});
