// Read-path benchmark through the one API host of a running Patron (not a test: it prints figures).
//   create-to-visible lag: from sending POST /v2/customers until a reader polling GET by email sees it
//   eq(email) filter latency through the gateway, against a raw driver find of the same read-model document
// at 10,000 and at 100,000 customers, seeded through the API. Needs PATRON_HOST, PATRON_CLIENT_ID,
// PATRON_CLIENT_SECRET and PATRON_MONGO_URI (the MongoDB Patron uses). See docs/benchmarks.md.
import { MongoClient } from 'mongodb';
import { host, clientId, unique } from '../patron.mjs';

const SAMPLES = Number(process.env.PATRON_BENCH_SAMPLES ?? 300);
const SEED_CLIENTS = 8;
const sizes = (process.env.PATRON_BENCH_SIZES ?? '10000,100000').split(',').map(Number);

const token = await accessToken();
const mongo = new MongoClient(process.env.PATRON_MONGO_URI ?? 'mongodb://127.0.0.1:27018');
const customers = mongo.db(process.env.PATRON_MONGO_DATABASE ?? 'patron').collection('customers');
const run = unique('bench');

console.log('| customers | create-to-visible p50 / p99 (ms) | API eq(email) p50 / p99 (ms) | raw find by _id p50 / p99 (ms) | ratio p50 |');
console.log('|---|---|---|---|---|');
let seeded = 0;
for (const size of sizes) {
  const existing = await customers.estimatedDocumentCount();
  await seed(Math.max(0, size - existing));
  seeded = size;
  const lag = [];
  const viaApi = [];
  const raw = [];
  for (let i = 0; i < SAMPLES; i++) {
    const email = `${run}.${size}.${i}@example.com`;
    lag.push(await createToVisible(email));
    const [ms, id] = await timed(() => findByEmail(email));
    viaApi.push(ms);
    raw.push((await timed(() => customers.findOne({ _id: id })))[0]);
  }
  const row = [lag, viaApi, raw].map((xs) => `${pct(xs, 50).toFixed(1)} / ${pct(xs, 99).toFixed(1)}`);
  console.log(`| ${size.toLocaleString('en')} | ${row.join(' | ')} | ${(pct(viaApi, 50) / pct(raw, 50)).toFixed(1)} |`);
}
await mongo.close();

async function accessToken() {
  const response = await fetch(`http://${host}/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: process.env.PATRON_CLIENT_SECRET }),
  });
  return (await response.json()).access_token;
}

function api(path, init = {}) {
  return fetch(`http://${host}/v2${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
}

async function create(email) {
  const response = await api('/customers', { method: 'POST', body: JSON.stringify({ data: { type: 'customer', name: 'Bench', email } }) });
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
}

async function findByEmail(email) {
  const response = await api(`/customers?filter=eq(email,${email})`);
  const { data } = await response.json();
  return data[0]?.id;
}

async function createToVisible(email) {
  const start = performance.now();
  const created = create(email);
  while (!(await findByEmail(email))) { /* poll until the read side shows it */ }
  const lag = performance.now() - start;
  await created;
  return lag;
}

async function seed(count) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await create(`${run}.seed.${seeded}.${i}@example.com`);
  };
  await Promise.all(Array.from({ length: SEED_CLIENTS }, worker));
}

async function timed(operation) {
  const start = performance.now();
  const value = await operation();
  return [performance.now() - start, value];
}

function pct(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
