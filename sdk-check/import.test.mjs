// `./patron import FILE` as a store migrating to Patron runs it, against the Patron this check started (same data
// folder, port and credentials, which `./patron test` passes in the environment): customers with addresses and
// migrated password hashes arrive, rejected lines are reported with their reason, an interrupted import resumes
// without creating anyone twice, and a migrated shopper signs in with their old password through the official SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backOffice, storefront, unique } from './patron.mjs';

const PATRON = new URL('../patron', import.meta.url).pathname;
const CUSTOMERS = 10000;
// A bcrypt hash made by the shopper's previous platform of the password below (BCryptPasswordEncoder, cost 10).
const MIGRATED_PASSWORD = 'migrated shopper 1';
const MIGRATED_HASH = '$2a$10$ohM2knRjDK4qWSIWVVN.nerr1kVGGT9NrWQijrVKGB7wzqfhw8.Yu';

/** Starts `./patron import FILE ...`; `done` resolves with its exit code and everything it printed. */
function startImport(file, ...args) {
  const child = spawn(PATRON, ['import', file, ...args], { env: process.env });
  const run = { output: '' };
  child.stdout.on('data', (chunk) => { run.output += chunk; });
  child.stderr.on('data', (chunk) => { run.output += chunk; });
  run.done = new Promise((resolve) => child.on('close', (code) => resolve({ code, output: run.output })));
  run.interrupt = () => child.kill('SIGINT');
  return run;
}

const runImport = (file, ...args) => startImport(file, ...args).done;

function writeFile(run) {
  const lines = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = { name: `Migrated ${i}`, email: `${run}.${i}@example.com`, external_ref: `old-${i}` };
    if (i % 3 === 0) customer.addresses = [{ first_name: 'Ann', last_name: 'Perkins', line_1: `${i} Main St`, postcode: '46001', country: 'US' }];
    if (i === 7) customer.password_hash = MIGRATED_HASH;
    lines.push(JSON.stringify(customer));
  }
  lines.push(JSON.stringify({ name: 'No email at all' }));
  lines.push(JSON.stringify({ name: 'Plaintext', email: `${run}.plain@example.com`, password: 'hunter22hunter22' }));
  lines.push(JSON.stringify({ name: 'Again', email: `${run}.5@example.com` }));
  const file = join(mkdtempSync(join(tmpdir(), 'patron-import-')), `${run}.jsonl`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const admin = backOffice();

async function customersNamed(run) {
  const { meta } = await admin.Customers.Filter({ like: { email: `${run}.*` } }).Limit(1).All();
  return meta.results.total;
}

test('an interrupted import of customers with addresses and migrated hashes resumes and creates nobody twice', async () => {
  const run = unique('import');
  const file = writeFile(run);

  // Interrupted once the first batches are acknowledged: the import keeps its progress and says how to resume.
  const interrupted = startImport(file, '--batch-size', '50');
  let created = 0;
  while (created === 0) created = await customersNamed(run);
  interrupted.interrupt();
  const first = await interrupted.done;
  assert.notEqual(first.code, 0, `the interrupted import says it did not finish:\n${first.output}`);

  const resumed = await runImport(file);
  assert.equal(resumed.code, 0, resumed.output);
  assert.match(resumed.output, /resuming at line/);
  assert.equal(await customersNamed(run), CUSTOMERS, 'every customer once, none twice');

  const report = readFileSync(resumed.output.match(/rejection report: (\S+)/)[1], 'utf8').trim().split('\n').map(JSON.parse);
  assert.deepEqual(report.map((line) => line.line).sort((a, b) => a - b), [CUSTOMERS + 1, CUSTOMERS + 2, CUSTOMERS + 3]);
  assert.match(report.find((line) => line.line === CUSTOMERS + 2).errors.join(' '), /plaintext/);
  assert.match(report.find((line) => line.line === CUSTOMERS + 3).errors.join(' '), /duplicate email/);

  const again = await runImport(file, '--restart');
  assert.equal(again.code, 0, again.output);
  assert.match(again.output, new RegExp(`created 0, already imported ${CUSTOMERS.toLocaleString('en')}`));
  assert.equal(await customersNamed(run), CUSTOMERS);

  const { data: [withAddress] } = await admin.Customers.Filter({ eq: { email: `${run}.3@example.com` } }).All();
  const { data: addresses } = await admin.CustomerAddresses.All({ customer: withAddress.id });
  assert.deepEqual(addresses.map((address) => address.line_1), ['3 Main St']);

  const shop = storefront();
  const { data: token } = await shop.Customers.TokenViaPassword(`${run}.7@example.com`, MIGRATED_PASSWORD);
  assert.equal(token.type, 'token');
  const again7 = await shop.Customers.TokenViaPassword(`${run}.7@example.com`, MIGRATED_PASSWORD);
  assert.equal(again7.data.customer_id, token.customer_id, 'the upgraded hash still takes the old password');
});
