#!/usr/bin/env node
// GraphQL-over-HTTP spec audit of a running server, using `auditServer` from
// the `graphql-http` package (the same suite as https://graphql-http.com).
//
//   node tests/http-audit/audit.mjs http://127.0.0.1:8080/graphql
//
// Prints one line per audit, then `N passed, M failed` over the MUST and
// SHOULD audits. MAY audits are printed but never fail the run.
// Exit codes: 0 = every MUST and SHOULD audit is ok, 1 = at least one is not,
// 2 = usage error or the audit could not run (server unreachable, timeout).
// AUDIT_TIMEOUT_MS (default 10000) bounds each HTTP request.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: node audit.mjs <url>   e.g. http://127.0.0.1:8080/graphql');
  process.exit(2);
}

const timeoutMs = Number(process.env.AUDIT_TIMEOUT_MS) || 10000;
const fetchFn = (input, init = {}) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });

let results;
try {
  results = await auditServer({ url, fetchFn });
} catch (err) {
  // auditServer rejects only on fatal errors (e.g. connection refused).
  const cause = err?.cause ? ` (${err.cause.code ?? err.cause.message ?? err.cause})` : '';
  console.error(`audit could not run against ${url}: ${err?.message ?? err}${cause}`);
  process.exit(2);
}

// What the server actually answered, to make a failure easy to act on.
async function describe(response) {
  if (!response) return '';
  let body = '';
  try {
    body = (await response.clone().text()).replace(/\s+/g, ' ').trim();
  } catch {
    body = '<body already read>';
  }
  if (body.length > 160) body = `${body.slice(0, 160)}...`;
  const type = response.headers.get('content-type') ?? '<none>';
  return ` [got ${response.status}, content-type: ${type}, body: ${body || '<empty>'}]`;
}

let passed = 0;
let failed = 0;
let mayOk = 0;
let mayNot = 0;
for (const result of results) {
  const level = result.name.split(' ', 1)[0]; // MUST | SHOULD | MAY
  const ok = result.status === 'ok';
  if (level === 'MUST' || level === 'SHOULD') {
    if (ok) passed++;
    else failed++;
  } else if (ok) {
    mayOk++;
  } else {
    mayNot++;
  }
  let line = `${result.status.padEnd(6)} ${result.id} ${result.name}`;
  if (!ok) line += ` -- ${result.reason}${await describe(result.response)}`;
  console.log(line);
}

console.log(`MAY (informational): ${mayOk} ok, ${mayNot} not ok`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
