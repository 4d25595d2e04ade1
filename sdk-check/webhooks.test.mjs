import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { backOffice, unique } from './patron.mjs';

// Needs a Patron that may send to loopback: `./patron test` starts it with PATRON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true.

/** Resolves with the condition's first truthy value, looking again every 50 ms for up to 15 s. */
async function eventually(condition, what) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** docs/webhooks.md's verification, as a receiver in Node does it. */
function verified(rawBody, signatureHeader, secret) {
  const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(rawBody).digest('hex'));
  const given = Buffer.from(signatureHeader ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('an integration made with the SDK delivers signed events, and its log shows them', async () => {
  const received = [];
  const receiver = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: request.headers });
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const admin = backOffice();
  const secret = `whsec-${unique('sdk')}-signing`;
  try {
    const { data: integration } = await admin.Integrations.Create({
      name: 'SDK check', description: 'the SDK check\'s receiver', enabled: true, integration_type: 'webhook',
      observes: ['customer.created'],
      configuration: { url: `http://127.0.0.1:${receiver.address().port}/hook`, secret_key: secret },
    });
    assert.equal(integration.type, 'integration');
    assert.equal(integration.configuration.secret_key, `****${secret.slice(-4)}`, 'the secret is never shown');

    const { data: customer } = await admin.Customers.Create({ type: 'customer', name: 'Hooked', email: `${unique('hooked')}@example.com` });
    const delivery = await eventually(() => received.find((r) => JSON.parse(r.body).resources.id === customer.id), 'the delivery');
    const body = JSON.parse(delivery.body);
    assert.equal(body.triggered_by, 'customer.created');
    assert.equal(body.attempt, 1);
    assert.deepEqual(body.integration, { id: integration.id, name: 'SDK check' });
    assert.equal(delivery.headers['x-moltin-secret-key'], secret);
    assert.ok(verified(delivery.body, delivery.headers['x-patron-signature'], secret), 'the signature checks out');

    const logs = await eventually(async () => {
      const { data } = await admin.Integrations.GetLogs(integration.id);
      return data.find((entry) => entry.event_id === body.id);
    }, 'the log entry');
    assert.equal(logs.succeeded, true);
    assert.equal(logs.status_code, 200);

    const { data: paused } = await admin.Integrations.Update(integration.id, { enabled: false });
    assert.equal(paused.enabled, false);
    assert.equal((await admin.Integrations.Get(integration.id)).data.enabled, false);
    await admin.Integrations.Delete(integration.id);
  } finally {
    receiver.close();
  }
});
