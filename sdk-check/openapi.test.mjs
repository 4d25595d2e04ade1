import { test } from 'node:test';
import assert from 'node:assert/strict';
import { host } from './patron.mjs';

// The API host serves its own description, without a token, in both layouts (one process, or the gateway in front
// of the services): what a client or a generator of requests reads to know every operation, body and answer.
test('GET /openapi.json answers the OpenAPI 3 description of the API host to anyone', async () => {
  const response = await fetch(`http://${host}/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const description = await response.json();
  assert.match(description.openapi, /^3\.\d+\.\d+$/);
  assert.ok(description.paths['/v2/customers']?.post, 'customers can be created');
  assert.ok(description.paths['/v2/customers/{customerId}']?.get, 'a customer can be read');
  assert.deepEqual(Object.keys(description.components.securitySchemes).sort(), ['accessToken', 'customerToken']);
});
