import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backOffice, unique } from './patron.mjs';

const ROUNDS = Number(process.env.PATRON_READ_YOUR_WRITES_ROUNDS ?? 1000);

// Reads go to the query service, writes to the command service: a write must be visible to the very next read.
test(`${ROUNDS} rounds of create-then-get and update-then-get through the API host see no stale read`, async () => {
  const sdk = backOffice();
  await sdk.Authenticate();
  const tag = unique('ryw');
  let stale = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { data: created } = await sdk.Customers.Create({ type: 'customer', name: `Round ${round}`, email: `${tag}.${round}@example.com` });
    const afterCreate = await sdk.Customers.Get(created.id);
    if (afterCreate.data.name !== `Round ${round}`) stale++;
    await sdk.Customers.Update(created.id, { type: 'customer', name: `Round ${round} updated` });
    const afterUpdate = await sdk.Customers.Get(created.id);
    if (afterUpdate.data.name !== `Round ${round} updated`) stale++;
  }
  assert.equal(stale, 0, `${stale} stale reads in ${ROUNDS * 2}`);
});
