// Sends every case of the hostile corpus (cases/*.jsonl) to a started Patron and fails on any 5xx, any error answer
// not in the contract's format, any internal name leaked, any answer outside what the case expects, and any change
// to the stored state (every collection of the database counted before and after; cases never write).
//
//   PATRON_HOST=localhost:8080 PATRON_CLIENT_ID=.. PATRON_CLIENT_SECRET=.. \
//   PATRON_MONGO_URI=mongodb://127.0.0.1:27018 node run.mjs [--only <id substring>] [--verbose]
//
// The cases derived from the API description are kept too (cases/generated/openapi.jsonl), so that a change to the
// description shows in review as a change to the corpus: the runner fails when they differ from what the description
// served by this Patron gives, and `node run.mjs --regenerate` (against a Patron built from the same tree) rewrites
// them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { exchange } from './http.mjs';
import { makeFixtures } from './fixtures.mjs';
import { expand, requestBytes } from './cases.mjs';
import { checkAnswer } from './checks.mjs';
import { generatedCases } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SETTLE_POLL_MS = 1000;
const SETTLE_TIMEOUT_MS = 60_000;
const host = process.env.PATRON_HOST ?? 'localhost:8080';
const [hostname, port] = [host.split(':')[0], Number(host.split(':')[1] ?? 80)];
const mongoUri = required('PATRON_MONGO_URI');
const database = process.env.PATRON_MONGO_DATABASE ?? 'patron';
const only = option('--only');
const verbose = process.argv.includes('--verbose');

function required(name) {
  if (!process.env[name]) throw new Error(`${name} must be set (see the comment at the top of run.mjs)`);
  return process.env[name];
}

function option(name) {
  const at = process.argv.indexOf(name);
  return at < 0 ? null : process.argv[at + 1];
}

/** The API as a well-behaved client, for making fixtures. */
const api = {
  clientId: required('PATRON_CLIENT_ID'),
  clientSecret: required('PATRON_CLIENT_SECRET'),
  async form(target, fields) {
    return answered(await fetch(`http://${host}${target}`, { method: 'POST', body: new URLSearchParams(fields) }), target);
  },
  async json(method, target, token, body) {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = 'application/json';
    return answered(await fetch(`http://${host}${target}`, { method, headers, body: body && JSON.stringify(body) }),
      `${method} ${target}`);
  },
};

async function answered(response, what) {
  const text = await response.text();
  if (!response.ok) throw new Error(`fixture ${what} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const GENERATED = path.join(here, 'cases', 'generated', 'openapi.jsonl');

const asLines = (cases) => cases.map((c) => JSON.stringify(c)).join('\n') + '\n';

function loadCases() {
  const dir = path.join(here, 'cases');
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort().map((name) => path.join(dir, name));
  const cases = [];
  for (const file of [...files, GENERATED]) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      try {
        cases.push({ ...JSON.parse(line), file: `${path.relative(dir, file)}:${index + 1}` });
      } catch (error) {
        throw new Error(`${path.relative(dir, file)}:${index + 1} is not a JSON case: ${error.message}`);
      }
    });
  }
  const ids = new Set();
  for (const c of cases) {
    if (!c.id || ids.has(c.id)) throw new Error(`${c.file}: every case needs an id of its own (${c.id})`);
    ids.add(c.id);
  }
  return cases;
}

/** Every collection's document count: a case that stores anything changes at least the event log's. */
async function storedState(db) {
  const counts = {};
  for (const { name } of await db.listCollections().toArray()) {
    counts[name] = await db.collection(name).countDocuments();
  }
  return counts;
}

/**
 * The stored state once nothing changes it any more: projections, webhook deliveries and the like finish what earlier
 * requests started, so that a count taken now is not moved later by something no case did.
 */
async function settledState(db) {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let previous = await storedState(db);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const current = await storedState(db);
    if (changes(previous, current).length === 0) return current;
    if (Date.now() > deadline) throw new Error(`the stored state kept changing: ${changes(previous, current).join(', ')}`);
    previous = current;
  }
}

function changes(before, after) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name] ?? 'absent'} -> ${after[name] ?? 'absent'}`);
}

async function main() {
  const derived = generatedCases(await api.json('GET', '/openapi.json'));
  if (process.argv.includes('--regenerate')) {
    fs.writeFileSync(GENERATED, asLines(derived));
    console.log(`wrote ${derived.length} cases to ${path.relative(here, GENERATED)}`);
    return;
  }
  if (fs.readFileSync(GENERATED, 'utf8') !== asLines(derived)) {
    throw new Error(`${path.relative(here, GENERATED)} is not what /openapi.json gives: the API description changed; `
      + 'review the difference after `node run.mjs --regenerate`');
  }
  const cases = loadCases().filter((c) => !only || c.id.includes(only));
  const generated = derived.length;
  const mongo = await MongoClient.connect(mongoUri, { directConnection: true });
  const failures = [];
  const byClass = {};
  try {
    const db = mongo.db(database);
    const values = { ...await makeFixtures(api), host };
    const before = await settledState(db);
    for (const c of cases) {
      byClass[c.class] = (byClass[c.class] ?? 0) + 1;
      const bytes = requestBytes(expand(c, values), host);
      let answer;
      try {
        answer = await exchange(hostname, port, bytes);
      } catch (error) {
        // A server may drop a connection whose framing it cannot trust instead of answering; the case says so.
        if (!c.closeAllowed) failures.push(`${c.id} (${c.file}): ${error.message}`);
        continue;
      }
      const problems = checkAnswer(c, answer, values, bytes.toString('latin1'));
      if (problems.length) failures.push(`${c.id} (${c.file}): ${answer.status} ${problems.join('; ')}\n    ${answer.body.slice(0, 300)}`);
      else if (verbose) console.log(`ok ${c.id}: ${answer.status}`);
    }
    const stateChanges = changes(before, await settledState(db));
    if (stateChanges.length) failures.push(`stored state changed: ${stateChanges.join(', ')}`);
  } finally {
    await mongo.close();
  }
  console.log(`hostile corpus: ${cases.length} cases (${generated} of them derived from /openapi.json)`);
  console.log(Object.entries(byClass).sort().map(([name, count]) => `  ${name}: ${count}`).join('\n'));
  if (failures.length) {
    console.error(`${failures.length} failed:\n${failures.join('\n')}`);
    process.exit(1);
  }
  console.log('hostile corpus: no 5xx, every error in the contract\'s format, nothing leaked, nothing stored');
}

await main();
