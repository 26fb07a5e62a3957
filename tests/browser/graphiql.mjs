#!/usr/bin/env node
// Opens GraphiQL (GET /graphql) in Debian's headless chromium, as a user on an
// intranet with no internet would, and checks that it works from the server alone.
//
//   node tests/browser/graphiql.mjs http://127.0.0.1:8080 <token>
//
// The token is an admin's (ADMIN may read `auditAppended`). The check fails if the
// page asks any host but the server for anything, logs a console error or throws, if
// GraphiQL does not render, if the documentation explorer does not show `Query`, if
// `{ me { id } }` run with the token in the headers editor does not show the caller's
// id, or if a subscription does not deliver an event over the page's WebSocket.
//
// Exit codes: 0 = every check passed, 1 = a check failed (a screenshot is saved and its
// path printed), 2 = usage error or the browser could not start.
// CHROMIUM (default /usr/bin/chromium) is the browser; it is never downloaded.
// BROWSER_TIMEOUT_MS (default 30000) bounds each wait. SCREENSHOT=<path> also saves a
// screenshot of the final page when every check passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, token] = process.argv.slice(2);
if (!base || !/^https?:\/\//.test(base) || !token) {
  console.error('usage: node graphiql.mjs <server base url> <token>   e.g. http://127.0.0.1:8080 eyJ...');
  process.exit(2);
}
const server = new URL(base);
const endpoint = new URL('/graphql', server);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const timeout = Number(process.env.BROWSER_TIMEOUT_MS) || 30000;

/** POSTs a GraphQL operation from Node (outside the browser) and returns `data`. */
async function graphql(query, variables = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeout),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** What the caller should see in GraphiQL, asked over plain HTTP. */
let me;
try {
  ({ me } = await graphql('{ me { id orgUnit { id } } }'));
} catch (err) {
  console.error(`the server at ${base} could not be asked who the token is: ${err.message}`);
  process.exit(2);
}

const offsite = new Set(); // requests to another origin: must stay empty
const consoleErrors = [];
const pageErrors = [];
const failedRequests = [];
const sockets = [];

const userDataDir = mkdtempSync(join(tmpdir(), 'bangfu-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    viewport: { width: 1280, height: 800 },
  });
} catch (err) {
  console.error(`chromium could not start (${executablePath}): ${err.message}`);
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(2);
}

/** Whether a URL the page asks for is the server's own (or inline data). */
function isOwn(url) {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (u.protocol === 'ws:' || u.protocol === 'wss:') return u.host === server.host;
  return u.origin === server.origin;
}

// Anything for another origin is recorded and refused, as on an offline intranet.
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (isOwn(url)) return route.continue();
  offsite.add(url);
  return route.abort('blockedbyclient');
});
context.on('request', (request) => {
  if (!isOwn(request.url())) offsite.add(request.url());
});
context.on('requestfailed', (request) => {
  failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
});
context.on('response', (response) => {
  if (response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
});

const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(timeout);
page.on('console', (message) => {
  if (message.type() === 'error') consoleErrors.push(message.text());
});
page.on('pageerror', (err) => pageErrors.push(String(err)));
page.on('websocket', (ws) => {
  const socket = { url: ws.url(), sent: [], received: [] };
  sockets.push(socket);
  if (!isOwn(ws.url())) offsite.add(ws.url());
  ws.on('framesent', (frame) => socket.sent.push(String(frame.payload)));
  ws.on('framereceived', (frame) => socket.received.push(String(frame.payload)));
});

/** Sets a CodeMirror editor's text as a user would: focus, select all, type. Then
 * pauses, as GraphiQL parses what was typed after a pause in typing. */
async function typeInto(editor, text) {
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The text of the result pane. */
function result() {
  return page
    .locator('.result-window .CodeMirror')
    .evaluate((element) => element.CodeMirror.getValue());
}

/** Waits until `predicate` holds, polling; `what` names it in the error. */
async function until(what, predicate) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const steps = [
  [
    'GET /graphql from a browser gets the page with its Content-Security-Policy',
    async () => {
      const response = await page.goto(endpoint.href, { waitUntil: 'load' });
      const accept = (await response.request().allHeaders()).accept ?? '';
      if (!accept.includes('text/html')) throw new Error(`the browser sent Accept: ${accept}`);
      if (response.status() !== 200) throw new Error(`HTTP ${response.status()}`);
      const headers = await response.allHeaders();
      if (!headers['content-type']?.startsWith('text/html')) {
        throw new Error(`content-type ${headers['content-type']}`);
      }
      if (!headers['content-security-policy']?.includes("default-src 'self'")) {
        throw new Error(`content-security-policy ${headers['content-security-policy']}`);
      }
    },
  ],
  [
    'GraphiQL renders, with the headers editor open',
    async () => {
      await page.locator('.graphiql-container').waitFor();
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').waitFor();
      if ((await page.title()) !== 'bangfu 帮扶') throw new Error(`title ${await page.title()}`);
    },
  ],
  [
    'the documentation explorer shows the schema (Query)',
    async () => {
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const explorer = page.locator('.graphiql-doc-explorer');
      await explorer.locator('a', { hasText: /^Query$/ }).first().waitFor();
    },
  ],
  [
    '{ me { id } } with the token in the headers editor shows the caller',
    async () => {
      const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
      await typeInto(headers, JSON.stringify({ Authorization: `Bearer ${token}` }));
      await typeInto(page.locator('.graphiql-query-editor .CodeMirror'), '{ me { id } }');
      await page.locator('.graphiql-execute-button').click();
      await until('the result of { me { id } }', async () => (await result()).includes(me.id));
      const shown = JSON.parse(await result());
      if (shown?.data?.me?.id !== me.id) throw new Error(`the result pane shows ${JSON.stringify(shown)}`);
    },
  ],
  [
    'a subscription runs over the same-origin WebSocket and receives an event',
    async () => {
      await typeInto(
        page.locator('.graphiql-query-editor .CodeMirror'),
        'subscription { auditAppended { operation entityType } }',
      );
      await page.locator('.graphiql-execute-button').click();
      await until('the subscription to be sent', () =>
        sockets.some((s) => s.sent.some((f) => f.includes('"subscribe"'))),
      );
      const socket = sockets.find((s) => s.sent.some((f) => f.includes('"subscribe"')));
      const wsUrl = new URL(socket.url);
      if (wsUrl.host !== server.host || wsUrl.pathname !== '/graphql/ws') {
        throw new Error(`the WebSocket went to ${socket.url}`);
      }
      if (!socket.received.some((f) => f.includes('connection_ack'))) {
        throw new Error(`no connection_ack: ${JSON.stringify(socket.received)}`);
      }
      // The server registers the subscription as the frame arrives; give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await graphql(
        'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }',
        { input: { name: '浏览器检查区总工会', kind: 'DISTRICT_UNION', parentId: me.orgUnit.id } },
      );
      await until('the event in the result pane', async () => (await result()).includes('createOrgUnit'));
    },
  ],
];

let failed = 0;
for (const [name, run] of steps) {
  try {
    await run();
    console.log(`ok     ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAILED ${name}: ${err.message.split('\n')[0]}`);
    break; // later steps build on this one
  }
}

const problems = [
  ...[...offsite].map((url) => `request to another origin: ${url}`),
  ...pageErrors.map((e) => `page error: ${e}`),
  ...consoleErrors.map((e) => `console error: ${e}`),
  ...failedRequests.map((e) => `failed request: ${e}`),
];
for (const problem of problems) console.log(`FAILED ${problem}`);
if (problems.length === 0) console.log('ok     no request left the server, no console error, no page error');

const passed = failed === 0 && problems.length === 0;
if (!passed) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-graphiql-'));
  const path = join(dir, 'failure.png');
  await page.screenshot({ path, fullPage: true }).then(
    () => console.log(`screenshot: ${path}`),
    (err) => console.log(`no screenshot: ${err.message}`),
  );
} else if (process.env.SCREENSHOT) {
  await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  console.log(`screenshot: ${process.env.SCREENSHOT}`);
}
console.log(`requests made by the page: ${offsite.size} to other origins; WebSockets: ${sockets.map((s) => s.url).join(', ') || 'none'}`);
await context.close();
rmSync(userDataDir, { recursive: true, force: true });
process.exit(passed ? 0 : 1);
