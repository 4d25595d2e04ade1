// What the corpus's cases refer to by {name}: genuine tokens, two customers with an address, a cart and an order
// each, a flow with a field and an integration, all made through the API as a store would; and tokens an attacker
// forges from the genuine ones and the published key set.
import crypto from 'node:crypto';

const BASE64URL = 'base64url';

export async function makeFixtures(api) {
  const backOffice = (await api.form('/oauth/access_token', {
    grant_type: 'client_credentials', client_id: api.clientId, client_secret: api.clientSecret,
  })).access_token;
  const storefront = (await api.form('/oauth/access_token', { grant_type: 'implicit', client_id: api.clientId })).access_token;
  const run = crypto.randomUUID().slice(0, 8);
  const values = { backOffice, storefront, run, clientId: api.clientId };

  for (const name of ['alice', 'bob']) {
    const email = `${name}-${run}@hostile.example`;
    const password = `correct horse ${run} ${name}`;
    const customer = await api.json('POST', '/v2/customers', backOffice,
      { data: { type: 'customer', name: `${name} ${run}`, email, password } });
    values[name] = customer.data.id;
    values[`${name}Email`] = email;
    values[`${name}Token`] = (await api.json('POST', '/v2/customers/tokens', storefront,
      { data: { type: 'token', authentication_mechanism: 'password', email, password } })).data.token;
    values[`${name}Address`] = (await api.json('POST', `/v2/customers/${customer.data.id}/addresses`, backOffice,
      { data: { type: 'address', first_name: name, last_name: run, line_1: '1 Pawnee Lane', city: 'Pawnee',
        postcode: '46001', country: 'US' } })).data.id;
    const cart = `${name}-cart-${run}`;
    values[`${name}Cart`] = cart;
    const items = await api.json('POST', `/v2/carts/${cart}/items`, storefront,
      { data: { type: 'custom_item', name: 'Mustache wax', sku: 'WAX', description: 'wax', quantity: 1,
        price: { amount: 1500, includes_tax: true } } });
    const address = { first_name: name, last_name: run, line_1: '1 Pawnee Lane', city: 'Pawnee', postcode: '46001',
      county: 'Wamapoke', country: 'US' };
    values[`${name}Order`] = (await api.json('POST', `/v2/carts/${cart}/checkout`, backOffice,
      { data: { customer: { id: customer.data.id }, billing_address: address, shipping_address: address } })).data.id;
    values[`${name}OrderCart`] = cart;
    const nextCart = `${name}-open-cart-${run}`;
    values[`${name}OpenCart`] = nextCart;
    values[`${name}CartItem`] = (await api.json('POST', `/v2/carts/${nextCart}/items`, storefront,
      { data: { type: 'custom_item', name: 'Steak', sku: 'STEAK', description: 'steak', quantity: 1,
        price: { amount: 2500, includes_tax: true } } })).data[0].id;
    void items;
  }
  const flow = await findOrCreateCustomersFlow(api, backOffice);
  values.flow = flow;
  values.field = (await api.json('POST', '/v2/fields', backOffice, { data: { type: 'field', name: `Hostile ${run}`,
    slug: `hostile-${run}`, field_type: 'string', description: 'corpus', required: false, enabled: true,
    relationships: { flow: { data: { type: 'flow', id: flow } } } } })).data.id;
  values.integration = (await api.json('POST', '/v2/integrations', backOffice, { data: { type: 'integration',
    name: `hostile ${run}`, enabled: false, integration_type: 'webhook', observes: ['customer.created'],
    configuration: { url: 'http://127.0.0.1:9/hostile-corpus', secret_key: `hostile-corpus-${run}` } } })).data.id;
  Object.assign(values, await forgedTokens(api, values));
  return values;
}

async function findOrCreateCustomersFlow(api, token) {
  const flows = await api.json('GET', '/v2/flows', token);
  const existing = flows.data.find((flow) => flow.slug === 'customers');
  if (existing) return existing.id;
  return (await api.json('POST', '/v2/flows', token, { data: { type: 'flow', name: 'Customers', slug: 'customers',
    description: 'Extends customers', enabled: true } })).data.id;
}

function split(token) {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, BASE64URL)), claims: JSON.parse(Buffer.from(payload, BASE64URL)) };
}

const encode = (json) => Buffer.from(JSON.stringify(json)).toString(BASE64URL);

function signedEs256(header, claims, privateKey) {
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = crypto.sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString(BASE64URL)}`;
}

function hmac(header, claims, secret) {
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest(BASE64URL)}`;
}

/** Tokens built by someone who holds genuine storefront and customer tokens and the published keys, but no secret. */
async function forgedTokens(api, values) {
  const jwks = await api.json('GET', '/oauth/jwks');
  const trusted = jwks.keys[0];
  const trustedPublicPem = crypto.createPublicKey({ key: trusted, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attackerJwk = publicKey.export({ format: 'jwk' });
  const storefront = split(values.storefront);
  const backOffice = split(values.backOffice);
  const alice = split(values.aliceToken);
  const escalated = { ...storefront.claims, scope: backOffice.claims.scope };
  const [sfHeader, , sfSignature] = values.storefront.split('.');
  const [aliceHeader, , aliceSignature] = values.aliceToken.split('.');
  const now = Math.floor(Date.now() / 1000);
  return {
    'jwt:alg-none': `${encode({ alg: 'none', typ: 'JWT' })}.${encode(backOffice.claims)}.`,
    'jwt:alg-none-kid': `${encode({ alg: 'none', kid: trusted.kid })}.${encode(escalated)}.`,
    'jwt:alg-None-case': `${encode({ alg: 'None', kid: trusted.kid })}.${encode(escalated)}.`,
    'jwt:tampered-scope': `${sfHeader}.${encode(escalated)}.${sfSignature}`,
    'jwt:tampered-subject': `${aliceHeader}.${encode({ ...alice.claims, sub: values.bob })}.${aliceSignature}`,
    'jwt:tampered-expiry': `${sfHeader}.${encode({ ...storefront.claims, exp: now + 86400 * 365 })}.${sfSignature}`,
    'jwt:hs256-public-pem': hmac({ alg: 'HS256', kid: trusted.kid, typ: 'JWT' }, escalated, trustedPublicPem),
    'jwt:hs256-public-jwk': hmac({ alg: 'HS256', kid: trusted.kid, typ: 'JWT' }, escalated, JSON.stringify(trusted)),
    'jwt:hs256-x-coordinate': hmac({ alg: 'HS256', kid: trusted.kid }, escalated, Buffer.from(trusted.x, BASE64URL)),
    'jwt:hs256-empty-secret': hmac({ alg: 'HS256', kid: trusted.kid }, escalated, ''),
    'jwt:embedded-jwk': signedEs256({ alg: 'ES256', jwk: attackerJwk }, escalated, privateKey),
    'jwt:embedded-jwk-trusted-kid': signedEs256({ alg: 'ES256', kid: trusted.kid, jwk: attackerJwk }, escalated, privateKey),
    'jwt:jku': signedEs256({ alg: 'ES256', kid: 'attacker', jku: 'http://127.0.0.1:9/jwks.json' }, escalated, privateKey),
    'jwt:x5u': signedEs256({ alg: 'ES256', kid: 'attacker', x5u: 'http://127.0.0.1:9/cert.pem' }, escalated, privateKey),
    'jwt:trusted-kid-other-key': signedEs256({ alg: 'ES256', kid: trusted.kid }, escalated, privateKey),
    'jwt:unknown-kid': signedEs256({ alg: 'ES256', kid: crypto.randomUUID() }, escalated, privateKey),
    'jwt:no-kid': signedEs256({ alg: 'ES256' }, escalated, privateKey),
    'jwt:kid-path-traversal': signedEs256({ alg: 'ES256', kid: '../../../../dev/null' }, escalated, privateKey),
    'jwt:kid-injection': signedEs256({ alg: 'ES256', kid: "' || '1'='1" }, escalated, privateKey),
    'jwt:kid-huge': signedEs256({ alg: 'ES256', kid: 'k'.repeat(20000) }, escalated, privateKey),
    'jwt:crit-header': signedEs256({ alg: 'ES256', kid: trusted.kid, crit: ['exp'] }, escalated, privateKey),
    'jwt:signature-stripped': `${sfHeader}.${encode(storefront.claims)}.`,
    'jwt:signature-truncated': values.storefront.slice(0, -10),
    'jwt:signature-flipped': `${values.storefront.slice(0, -2)}${values.storefront.endsWith('A') ? 'BB' : 'AA'}`,
    'jwt:two-parts': `${sfHeader}.${encode(storefront.claims)}`,
    'jwt:four-parts': `${values.storefront}.${sfSignature}`,
    'jwt:not-base64': 'eyJ!!!.eyJ***.@@@',
    'jwt:json-not-object': `${encode([1])}.${encode('claims')}.${sfSignature}`,
    'jwt:customer-token-as-access': values.aliceToken,
  };
}
