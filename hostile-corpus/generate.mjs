// Cases generated from the API's own description (/openapi.json): for every operation, requests without a token or
// with a forged one, ids that name nothing or try to escape the path, methods the path does not take, and bodies
// that break the operation's schema. None of them may be answered outside the operation's documented responses or
// with a 5xx, and none may store anything.

// Fixtures that make a path parameter name something that exists, so a bad body is judged on its own.
const EXISTING = {
  customerId: '{alice}', id: '{alice}', addressId: '{aliceAddress}', orderId: '{aliceOrder}',
  reference: '{aliceOpenCart}', itemId: '{aliceCartItem}', flowId: '{flow}', slug: 'customers', fieldId: '{field}',
  integrationId: '{integration}', name: 'customers',
};
const HOSTILE_IDS = {
  unknown: '{uuid}', traversal: '..%2F..%2Fv2%2Fcustomers', nul: 'a%00b', long: '{repeat:3000:a}',
  'mongo-operator': '%7B%22%24ne%22%3Anull%7D', unicode: '%E2%80%AE%D8%A7', dots: '..',
};
const BAD_BODIES = {
  empty: '', null: 'null', array: '[]', string: '"x"', 'data-string': '{{"data":"x"}',
  'data-wrong-type': '{{"data":{{"type":"hostile-{uuid}"}}', truncated: '{{"data":{{"type":', 'trailing-bytes': '{{"data":{{}}x',
  'deep-nesting': '{{"data":{repeat:5000:[}', 'not-utf8': '{{"data":"\u00c0\u00af"}',
};
const FORGED = ['alg-none', 'tampered-scope', 'hs256-public-pem', 'embedded-jwk', 'unknown-kid'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function securedOperation(document, operation) {
  const security = operation.security ?? document.security ?? [];
  return security.length > 0 && !security.some((requirement) => Object.keys(requirement).length === 0);
}

function statuses(operation) {
  return Object.keys(operation.responses ?? {});
}

function fill(template, parameters) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => parameters[name] ?? EXISTING[name] ?? '{uuid}');
}

function templatePattern(template) {
  return new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
}

export function generatedCases(document) {
  const cases = [];
  const add = (c) => cases.push(c);
  for (const [template, pathItem] of Object.entries(document.paths ?? {})) {
    if (pathItem['x-patron-internal']) continue; // not on the API host behind the gateway: not part of the public API
    const slug = template.replace(/[{}]/g, '').replace(/\//g, '-').replace(/^-/, '');
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    // A method this path does not take, unless another path takes it for the same target (GET /v2/customers/tokens
    // is a read of the customer with that id).
    const taken = (method, target) => Object.entries(document.paths)
      .some(([other, item]) => item[method] && templatePattern(other).test(target));
    for (const method of METHODS.filter((m) => !pathItem[m] && !taken(m, fill(template, {})))) {
      add({ id: `gen-${slug}-${method}-not-allowed`, class: 'generated: method not allowed', method: method.toUpperCase(),
        target: fill(template, {}), headers: { Authorization: 'Bearer {backOffice}' }, expect: '405' });
    }
    for (const method of METHODS.filter((m) => pathItem[m])) {
      const operation = pathItem[method];
      const documented = statuses(operation);
      const id = `gen-${slug}-${method}`;
      const target = fill(template, {});
      const contentType = Object.keys(operation.requestBody?.content ?? {})[0];
      const withBody = contentType ? { 'Content-Type': contentType } : {};
      if (securedOperation(document, operation)) {
        add({ id: `${id}-no-token`, class: 'generated: no token', method: method.toUpperCase(), target,
          headers: withBody, body: contentType ? '{{}' : undefined, expect: '401' });
        for (const kind of FORGED) {
          add({ id: `${id}-forged-${kind}`, class: 'generated: forged token', method: method.toUpperCase(), target,
            headers: { ...withBody, Authorization: `Bearer {jwt:${kind}}` }, body: contentType ? '{{}' : undefined,
            expect: '401' });
        }
      }
      for (const name of names) {
        for (const [kind, value] of Object.entries(HOSTILE_IDS)) {
          if (method !== 'get' && kind === 'unknown' && name === 'reference') continue; // a cart exists from its first use
          add({ id: `${id}-${name}-${kind}`, class: 'generated: hostile path parameter', method: method.toUpperCase(),
            target: fill(template, { [name]: value }), headers: { ...withBody, Authorization: 'Bearer {backOffice}' },
            body: contentType ? '{{}' : undefined, expect: documented.filter((s) => s.startsWith('4')).concat(method === 'get' ? documented.filter((s) => s.startsWith('2')) : []) });
        }
      }
      if (contentType === 'application/json') {
        for (const [kind, body] of Object.entries(BAD_BODIES)) {
          add({ id: `${id}-body-${kind}`, class: 'generated: body breaking the schema', method: method.toUpperCase(),
            target, headers: { ...withBody, Authorization: 'Bearer {backOffice}' }, body,
            bytes: kind === 'not-utf8' ? 'latin1' : undefined, expect: documented.filter((s) => /^4\d\d$/.test(s)) });
        }
      }
    }
  }
  return cases;
}
