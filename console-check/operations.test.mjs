// The console's Operations pages against a running Patron: custom field definitions and their lifecycle, a read
// model's rebuild followed to its end, and a webhook delivering to a receiver this test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import {
  launchBrowser, newPage, signIn, pageHeading, accessToken, callApi, screenshot, unique, clientSecret,
} from './console.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A signed-in page showing a console route (the sign-in form comes first, then the route is shown again). */
async function openSignedIn(route, heading, size) {
  const page = await newPage(browser, size);
  await page.goto(`/console${route}`);
  await pageHeading(page, 'Sign in').waitFor();
  await signIn(page);
  await pageHeading(page, heading).waitFor();
  return page;
}

/** The control labelled so, its label perhaps marked " (required)" as forms.js marks it. */
function labelled(page, label) {
  return page.getByLabel(new RegExp(`^${label}( \\(required\\))?$`));
}

/** The text of the error shown next to a control (the element its aria-describedby names last). */
async function errorNextTo(page, label, control = labelled(page, label)) {
  await page.waitForFunction((element) => element.getAttribute('aria-invalid') === 'true',
    await control.elementHandle());
  return control.evaluate((element) => {
    const ids = element.getAttribute('aria-describedby').split(' ');
    return document.getElementById(ids[ids.length - 1]).textContent;
  });
}

/** Resolves with what `check` answers once it answers something, asking again until `seconds` have passed. */
async function eventually(check, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const answer = await check();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`not within ${seconds} s`);
    await new Promise((resolve) => { setTimeout(resolve, 200); });
  }
}

function assertNothingLogged(page, ...secrets) {
  for (const line of page.logged) {
    for (const secret of [clientSecret, ...secrets]) assert.ok(!line.includes(secret), `the console log holds ${line}`);
  }
}

test('custom field definitions: a flow and a field created, refused, changed, disabled and deleted through the console',
  async () => {
    const page = await openSignedIn('#/operations/fields', 'Custom fields');
    await page.getByRole('link', { name: 'New flow' }).click();
    const flowName = unique('Loyalty ');
    await labelled(page, 'Name').fill(flowName);
    await labelled(page, 'Slug').fill(unique('loyalty-'));
    await page.getByRole('button', { name: 'Create flow' }).click();
    await pageHeading(page, `Flow ${flowName}`).waitFor();

    let fieldName = unique('Tier ');
    await labelled(page, 'Name').fill(fieldName);
    await labelled(page, 'Slug').fill('Not A Slug!');
    await page.getByRole('button', { name: 'Create field' }).click();
    assert.match(await errorNextTo(page, 'Slug'), /slug must be 1 to 64 lower-case letters/);

    // An enum choice that is not a whole number: the API names data.validation_rules[0].options[1], shown at Choices.
    const fieldSlug = unique('tier_');
    await labelled(page, 'Slug').fill(fieldSlug);
    await labelled(page, 'Type').selectOption('integer');
    await labelled(page, 'Validation rule').selectOption('enum');
    await labelled(page, 'Choices').fill('1, gold');
    await page.getByRole('button', { name: 'Create field' }).click();
    assert.match(await errorNextTo(page, 'Choices'), /gold|whole number|integer/i);

    await labelled(page, 'Type').selectOption('string');
    await labelled(page, 'Choices').fill('gold, silver');
    await page.getByRole('button', { name: 'Create field' }).click();
    const row = page.getByRole('table', { name: `Fields of ${flowName}` })
      .getByRole('row').filter({ hasText: fieldSlug });
    await row.getByText('Enabled', { exact: true }).waitFor();
    assert.match(await row.textContent(), /one of gold, silver/);
    await screenshot(page, 'operations-custom-fields');

    // A change of the field: its name, through the form filled in with the definition.
    await page.getByRole('link', { name: `Change ${fieldName}` }).click();
    await page.getByRole('heading', { name: `Change field ${fieldName}` }).waitFor();
    assert.equal(await labelled(page, 'Choices').inputValue(), 'gold, silver');
    fieldName = unique('Level ');
    await labelled(page, 'Name').fill(fieldName);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await row.getByText(fieldName, { exact: true }).waitFor();

    await page.getByRole('button', { name: `Disable ${fieldName}` }).click();
    await row.getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: `Enable ${fieldName}` }).waitFor();
    const token = (await accessToken('client_credentials')).access_token;
    const { data: fields } = await callApi(token, 'GET', '/v2/fields');
    assert.equal(fields.find((definition) => definition.slug === fieldSlug).enabled, false);
    await page.getByRole('cell', { name: 'field.updated' }).first().waitFor();

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: `Delete ${fieldName}` }).click();
    await page.getByText('This flow has no fields yet.').waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete flow' }).click();
    await pageHeading(page, 'Custom fields').waitFor();
    assert.equal(await page.getByRole('link', { name: flowName }).count(), 0);
    assertNothingLogged(page, token);
    await page.context().close();
  });

test('read models: the lag as a number, and a rebuild followed by its progress bar to the new generation', async () => {
  const page = await openSignedIn('#/operations/read-models', 'Read models');
  const card = page.locator('[data-model="customers"]');
  await card.locator('.model-state').getByText('live').waitFor();
  assert.match(await card.locator('.model-lag').textContent(), /^\d+ events? not yet applied$/);
  const generation = Number(await card.locator('.model-generation').textContent());
  await screenshot(page, 'operations-read-models');

  // Everything the live region says while the rebuild runs, as a screen reader would hear it.
  await page.evaluate(() => {
    window.progressSeen = [];
    const region = document.querySelector('[data-model="customers"] .rebuild-progress');
    new MutationObserver(() => {
      const bar = region.querySelector('progress');
      if (bar) window.progressSeen.push({ value: bar.value, max: bar.max, text: region.textContent });
    }).observe(region, { childList: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Rebuild customers' }).click();
  await card.locator('.model-generation').getByText(String(generation + 1), { exact: true }).waitFor();
  await card.locator('.model-state').getByText('live').waitFor();
  assert.match(await card.locator('.rebuild-outcome').textContent(),
    new RegExp(`done: generation ${generation + 1} is live`));
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.length > 0, 'the progress bar was shown');
  assert.equal(seen[0].max, 100);
  assert.match(seen.at(-1).text, /\d+ of \d+ events, \d+ %/);
  assertNothingLogged(page);
  await page.context().close();
});

test('integrations: a webhook made in the console delivers to a receiver; its log shows the delivery', async (t) => {
  const deliveries = [];
  const receiver = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => { receiver.listen(0, '127.0.0.1', resolve); });
  t.after(() => new Promise((resolve) => { receiver.close(resolve); }));
  const url = `http://127.0.0.1:${receiver.address().port}/hook`;

  const page = await openSignedIn('#/operations/integrations', 'Integrations');
  await page.getByRole('link', { name: 'New webhook' }).click();
  const name = unique('Order desk ');
  await labelled(page, 'Name').fill(name);
  await labelled(page, 'URL').fill('ftp://example.com/hook');
  await labelled(page, 'Secret').fill('too short');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  assert.match(await errorNextTo(page, 'URL'), /http/);
  assert.match(await errorNextTo(page, 'Secret'), /16/);
  assert.match(await errorNextTo(page, 'Events it observes',
    page.getByRole('group', { name: 'Events it observes' })), /observes/);

  const secret = unique('a-secret-of-enough-length-');
  await labelled(page, 'URL').fill(url);
  await labelled(page, 'Secret').fill(secret);
  await page.getByRole('checkbox', { name: 'customer.created' }).check();
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await pageHeading(page, `Webhook ${name}`).waitFor();
  await page.getByText(`****${secret.slice(-4)}`, { exact: true }).waitFor();
  assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
  await page.getByText('No delivery was attempted yet.').waitFor();

  const token = (await accessToken('client_credentials')).access_token;
  const email = `${unique('ops-')}@example.com`;
  const { data: customer } = await callApi(token, 'POST', '/v2/customers',
    { data: { type: 'customer', name: 'Webhook Watcher', email } });
  const delivery = await eventually(() => deliveries.find((body) => body.resources?.id === customer.id));
  assert.equal(delivery.triggered_by, 'customer.created');
  const integrationId = page.url().split('/').at(-1);
  await eventually(async () => (await callApi(token, 'GET', `/v2/integrations/${integrationId}/logs`)).data.length);

  await page.getByRole('button', { name: 'Refresh log' }).click();
  const logRow = page.getByRole('row').filter({ hasText: delivery.id });
  await logRow.waitFor();
  const cells = await logRow.getByRole('cell').allTextContents();
  assert.deepEqual(cells.slice(1), ['customer.created', delivery.id, '1', 'Accepted', '200', '']);
  await screenshot(page, 'operations-integration');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete webhook' }).click();
  await pageHeading(page, 'Integrations').waitFor();
  assert.equal(await page.getByRole('link', { name }).count(), 0);
  assertNothingLogged(page, token, secret, email);
  await page.context().close();
});

test('the operations pages fit a 375 px wide screen and put focus on their heading', async () => {
  const page = await openSignedIn('#/operations', 'Operations', { width: 375, height: 800 });
  await screenshot(page, 'operations');
  for (const [link, heading] of [['Custom fields', 'Custom fields'], ['Read models', 'Read models'],
    ['Integrations', 'Integrations']]) {
    await page.goto('/console#/operations');
    await pageHeading(page, 'Operations').waitFor();
    await page.getByRole('link', { name: link, exact: true }).click();
    await pageHeading(page, heading).waitFor();
    await page.waitForFunction((text) => document.activeElement?.textContent === text, heading);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${heading} is ${width} px wide`);
  }
  await page.context().close();
});
