import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backOffice, storefront, unique, rejection } from './patron.mjs';

// Definitions only: customers carrying custom values come with the next step of the custom-fields work.
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
