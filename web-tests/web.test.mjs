// Browser tests of the incident web page: one local-mode Hikeshi (bin/hikeshi-local --require-login) for
// the whole file, seeded over HTTP, then driven by Debian's headless Chromium through playwright-core.
//
//   node --test web-tests/            (from the repo root; needs /usr/bin/chromium and `npm ci` in web-tests/)
//
// Screenshots and the server's output go to web-tests/artifacts/ (kept, not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { createHmac } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const ARTIFACTS = join(HERE, 'artifacts');
const CHROMIUM = process.env.HIKESHI_CHROMIUM || '/usr/bin/chromium';
const START_TIMEOUT_MS = Number(process.env.HIKESHI_WEB_TEST_START_TIMEOUT_MS || 300_000); // first build downloads dependencies
const HTTP_TIMEOUT_MS = 15_000;
const UI_TIMEOUT_MS = 15_000;
const TEST_TIMEOUT_MS = 90_000;

let app;          // { child, exited, log, logPath }
let base;         // http://127.0.0.1:<port>
let loginLink;    // the printed web login link
let browser;
let context;      // the signed-in context (tests 2–6)
let signedIn = false;
let session;      // the login link's token as a Cookie header: local mode's API wants the page's session too
const artifacts = [];
const pageErrors = [];

// ---------------------------------------------------------------- local mode

function startLocalMode() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const logPath = join(ARTIFACTS, 'hikeshi-local.log');
  const log = createWriteStream(logPath);
  // Its own process group: bin/hikeshi-local execs Maven, which runs the app in its JVM; killing the group ends all.
  // --port 0: local mode binds a free port itself and prints it (no probe-then-bind race).
  const child = spawn(join(ROOT, 'bin', 'hikeshi-local'), ['--port', '0', '--require-login'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env,
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `local mode did not start within ${START_TIMEOUT_MS / 1000} s; its output (${logPath}):\n${output.slice(-4000)}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      log.write(chunk);
      output += chunk.toString('utf8');
      const link = output.match(/web login link \(12 h\): (http:\/\/\S+\?token=(\S+))/);
      const running = output.match(/Hikeshi is running \(local mode\) on (http:\/\/127\.0\.0\.1:\d+)/);
      if (link && running) {
        clearTimeout(timer);
        resolve({ base: running[1], link: link[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`local mode exited (code ${code}, signal ${signal}) before it was ready; its output (${logPath}):\n${output.slice(-4000)}`));
    });
  });
  return { child, exited, log, logPath, ready };
}

function killGroup(signal) {
  if (app && app.child.exitCode === null && app.child.signalCode === null) {
    try { process.kill(-app.child.pid, signal); } catch { /* already gone */ }
  }
}

async function stopLocalMode() {
  if (!app) return;
  const gone = (ms) => Promise.race([app.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), ms).unref())]);
  killGroup('SIGTERM');
  if (!(await gone(20_000))) {
    killGroup('SIGKILL');
    await gone(5_000);
  }
  app.log.end();
}

// Whatever happens (a crash, Ctrl-C), do not leave the server running.
process.once('exit', () => killGroup('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => { killGroup('SIGKILL'); process.exit(130); });
}

// ---------------------------------------------------------------- seeding over HTTP (no browser)

async function http(path, init = {}) {
  const response = await fetch(base + path, { redirect: 'manual', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS), ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function post(path, body, headers = {}) {
  const r = await http(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
  assert.ok(r.status >= 200 && r.status < 300, `POST ${path} answered ${r.status}: ${r.text}`);
  return r.text;
}

const event = (name) => readFileSync(join(ROOT, 'events', name), 'utf8');

/**
 * Sends sample events through bin/fire, which re-stamps them as if they happened now (keeping their
 * spacing): local mode runs on the real clock, so the seeded incidents are as old as they say.
 */
async function fire(...names) {
  const token = new URL(loginLink).searchParams.get('token');
  const { stdout } = await promisify(execFile)(join(ROOT, 'bin', 'fire'), ['--url', base, '--session', token, ...names.map((n) => join(ROOT, 'events', n))],
    { cwd: ROOT, timeout: HTTP_TIMEOUT_MS * names.length });
  return stdout;
}

async function incidentJson(id) {
  const r = await http(`/api/incidents/${id}`, { headers: session });
  assert.equal(r.status, 200, `GET /api/incidents/${id}: ${r.text}`);
  return JSON.parse(r.text);
}

/** POSTs a Slack interaction payload signed as Slack does (bin/slack-send shows the same). */
async function slackPayload(payload) {
  const body = 'payload=' + encodeURIComponent(JSON.stringify(payload));
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = 'v0=' + createHmac('sha256', 'local-signing-secret').update(`v0:${ts}:${body}`).digest('hex');
  const r = await http('/slack/events', {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': signature },
  });
  assert.equal(r.status, 200, `Slack request answered ${r.status}: ${r.text}`);
}

async function seed() {
  // The alarm fired 28 min 25 s before its recovery, which happens now.
  assert.match(await fire('alarm-metric-alarm.json', 'alarm-metric-ok.json'), /"incident"\s*:\s*"INC-0001"[\s\S]*INC-0001/);
  assert.match(await fire('alarm-composite-alarm.json'), /"incident"\s*:\s*"INC-0002"/);
  assert.match(await fire('webhook-alertmanager-firing.json'), /"incident"\s*:\s*"INC-0003"/);

  // Resolve INC-0001 from Slack's resolve form: the postmortem is drafted asynchronously (the event relay ticks every 250 ms).
  const resolve = JSON.parse(event('slack-view-submission-declare.json'));
  Object.assign(resolve.view, {
    id: 'V0RESOLVE1', callback_id: 'resolve_incident', private_metadata: 'INC-0001|C0GENERAL',
    state: { values: { resolution: { value: { type: 'plain_text_input', value: 'Rolled back payment-api to v1.42.0' } } } },
  });
  await slackPayload(resolve);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await http('/incidents/INC-0001/postmortem.md?lang=en', { headers: session });
    if (r.status === 200) break;
    assert.ok(Date.now() < deadline, `no postmortem for INC-0001 15 s after resolving it (last answer ${r.status}: ${r.text})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------- browser helpers

async function newContext() {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  ctx.setDefaultTimeout(UI_TIMEOUT_MS);
  ctx.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  ctx.on('page', (page) => page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`)));
  return ctx;
}

async function signIn() {
  if (signedIn) return;
  const page = await context.newPage();
  try {
    const response = await page.goto(loginLink);
    assert.equal(response.status(), 200, 'the login link should land on the list');
    signedIn = true;
  } finally {
    await page.close();
  }
}

async function listedIds(page) {
  return (await page.locator('table tbody tr td:first-child a').allTextContents()).map((s) => s.trim());
}

async function screenshot(page, name) {
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true, timeout: UI_TIMEOUT_MS });
  artifacts.push(path);
}

async function submitFilters(page, fill) {
  await page.goto('/?lang=en');
  await fill(page.locator('form.filters'));
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/' && url.search.includes('severity='), { timeout: UI_TIMEOUT_MS }),
    page.locator('form.filters button[type=submit]').click(),
  ]);
  return listedIds(page);
}

// ---------------------------------------------------------------- hooks

before(async () => {
  app = startLocalMode();
  ({ base, link: loginLink } = await app.ready);
  session = { Cookie: `hikeshi_session=${new URL(loginLink).searchParams.get('token')}` };
  await seed();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    // rebound.example resolves to this machine, as a DNS-rebinding attacker's name would.
    args: ['--host-resolver-rules=MAP rebound.example 127.0.0.1', '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await newContext();
}, { timeout: START_TIMEOUT_MS + 120_000 });

after(async () => {
  try {
    await context?.close();
    await browser?.close();
  } finally {
    await stopLocalMode();
  }
  if (app) artifacts.push(app.logPath);
  console.log('artifacts:\n' + artifacts.map((p) => '  ' + relative(ROOT, p)).join('\n'));
}, { timeout: 60_000 });

// ---------------------------------------------------------------- tests

test('without a login every page answers 401, explains /incident web and shows no data', { timeout: TEST_TIMEOUT_MS }, async () => {
  const anonymous = await newContext();
  try {
    const page = await anonymous.newPage();
    const response = await page.goto('/');
    assert.equal(response.status(), 401);
    assert.match(await page.locator('body').innerText(), /\/incident web/);
    assert.ok(!(await page.content()).includes('INC-0001'), 'the 401 page must not list incidents');

    const token = new URL(loginLink).searchParams.get('token');
    const last = token.at(-1);
    const forged = token.slice(0, -1) + (last === '0' ? '1' : '0');
    assert.notEqual(forged, token);
    const forgedResponse = await page.goto('/?token=' + encodeURIComponent(forged));
    assert.equal(forgedResponse.status(), 401, 'a forged token must be refused');
    assert.ok(!(await page.content()).includes('INC-0001'));
    assert.deepEqual((await anonymous.cookies()).filter((c) => c.name === 'hikeshi_session'), [], 'no session cookie for a forged token');

    for (const path of ['/export.json', '/export.csv', '/incidents/INC-0001?lang=en', '/metrics?lang=en',
      '/api/incidents', '/api/incidents/INC-0001', '/api/incidents/INC-0001/postmortem.md?lang=en']) {
      const r = await http(path);
      assert.equal(r.status, 401, `${path} without a cookie`);
      assert.ok(!r.text.includes('INC-0001') && !r.text.includes('payment-api'), `${path} leaks data without a login`);
    }
    const wrongCookie = await http('/export.json', { headers: { Cookie: `hikeshi_session=${forged}` } });
    assert.equal(wrongCookie.status, 401, 'a forged cookie must be refused');
  } finally {
    await anonymous.close();
  }
});

test('the login link signs in and lands on the list of all three incidents', { timeout: TEST_TIMEOUT_MS }, async () => {
  const page = await context.newPage();
  const response = await page.goto(loginLink);
  assert.equal(response.status(), 200);
  assert.ok(!page.url().includes('token='), `the token should be dropped from the address bar: ${page.url()}`);
  const cookie = (await context.cookies()).find((c) => c.name === 'hikeshi_session');
  assert.ok(cookie, 'the hikeshi_session cookie is set');
  assert.ok(cookie.httpOnly, 'the session cookie is HttpOnly');
  signedIn = true;
  assert.deepEqual((await listedIds(page)).sort(), ['INC-0001', 'INC-0002', 'INC-0003']);
  await screenshot(page, 'list.png');
  await page.close();
});

test('the filter form narrows the list by severity and by title search', { timeout: TEST_TIMEOUT_MS }, async () => {
  await signIn();
  const page = await context.newPage();
  // INC-0003 (Alertmanager, severity "critical") is SEV1 as well, and its title "PaymentApiHighErrorRate" matches "payment".
  let ids = await submitFilters(page, (form) => form.locator('select[name=severity]').selectOption('SEV1'));
  assert.deepEqual(ids.sort(), ['INC-0002', 'INC-0003'], 'severity SEV1');
  assert.equal(await page.locator('select[name=severity]').inputValue(), 'SEV1', 'the form keeps the chosen severity');
  for (const sev of await page.locator('table tbody tr td:nth-child(3)').allTextContents()) assert.equal(sev.trim(), 'SEV1');

  ids = await submitFilters(page, async (form) => {
    await form.locator('select[name=severity]').selectOption('SEV1');
    await form.locator('input[name=q]').fill('checkout');
  });
  assert.deepEqual(ids, ['INC-0002'], 'severity SEV1 and search "checkout"');

  ids = await submitFilters(page, (form) => form.locator('input[name=q]').fill('payment'));
  assert.deepEqual(ids.sort(), ['INC-0001', 'INC-0003'], 'search "payment"');
  assert.equal(await page.locator('input[name=q]').inputValue(), 'payment', 'the form keeps the search');

  ids = await submitFilters(page, async (form) => {
    await form.locator('select[name=severity]').selectOption('SEV2');
    await form.locator('input[name=q]').fill('payment');
  });
  assert.deepEqual(ids, ['INC-0001'], 'severity SEV2 and search "payment"');
  await page.close();
});

test('an incident page shows its cards, timeline and drafted postmortem', { timeout: TEST_TIMEOUT_MS }, async () => {
  await signIn();
  const page = await context.newPage();
  await page.goto('/?lang=en');
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/incidents/INC-0001' && url.searchParams.get('lang') === 'en'),
    page.getByRole('link', { name: 'INC-0001', exact: true }).click(),
  ]);
  assert.match(await page.title(), /INC-0001 payment-api-5xx-rate/);
  assert.match(await page.locator('h1').innerText(), /INC-0001 payment-api-5xx-rate/, 'the heading names the incident once');
  const status = page.locator('.card').filter({ hasText: 'Status' });
  assert.match(await status.innerText(), /resolved/);
  const entries = await page.locator('ol.timeline > li').count();
  assert.ok(entries >= 2, `the timeline has ${entries} entries`);
  const postmortem = page.locator('h2:text-is("Postmortem") ~ pre');
  assert.equal(await postmortem.count(), 1, 'one <pre> after the Postmortem heading');
  const markdown = await postmortem.innerText();
  assert.match(markdown, /^## Summary$/m);
  assert.match(markdown, /Postmortem \(INC-0001\)/);
  await screenshot(page, 'incident.png');
  await page.close();
});

test('the metrics page shows the figures of the seeded incidents', { timeout: TEST_TIMEOUT_MS }, async () => {
  await signIn();
  // INC-0001 recovered (mitigated) 1705 s after it fired, as in the samples; a person resolved it just after.
  const first = await incidentJson('INC-0001');
  assert.equal(first.secondsToMitigate, 1705, 'bin/fire kept the samples\' spacing');
  assert.equal(first.secondsToAcknowledge, null, 'nobody acknowledged it');
  // Minutes to one decimal, rounded half up on the decimal value as the page's Java formatting does (1707 s → 28.5).
  const mttrMinutes = (Math.round(first.secondsToResolve / 6) / 10).toFixed(1);

  const page = await context.newPage();
  const response = await page.goto('/metrics?lang=en');
  assert.equal(response.status(), 200);
  const card = async (label) => (await page.locator('.card').filter({ hasText: label }).innerText()).replace(label, '').trim();
  assert.equal(await card('Incidents'), '3', 'the three seeded incidents are in the default 90-day window');
  assert.equal(await card('MTTA'), '— min', 'none acknowledged');
  assert.equal(await card('MTTR'), `${mttrMinutes} min`, 'the one resolved incident\'s time to resolve');
  assert.equal(await card('Postmortems complete'), '0% (0/1)', 'one postmortem drafted, none complete');
  const charts = await page.locator('svg[role=img]').count();
  assert.ok(charts >= 3, `${charts} charts`);
  await screenshot(page, 'metrics.png');
  await page.close();
});

test('the CSV export downloads with the session cookie', { timeout: TEST_TIMEOUT_MS }, async () => {
  await signIn();
  const response = await context.request.get('/export.csv', { timeout: HTTP_TIMEOUT_MS });
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^text\/csv/);
  const lines = (await response.text()).split(/\r?\n/).filter((l) => l !== '');
  assert.match(lines[0], /^id,title,severity/);
  assert.equal(lines.length - 1, 3, `3 data rows, got:\n${lines.join('\n')}`);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]).sort(), ['INC-0001', 'INC-0002', 'INC-0003']);
});

test('pages on other sites cannot post to local mode, nor read it by rebinding their name to this machine', { timeout: TEST_TIMEOUT_MS }, async () => {
  await signIn();
  const page = await context.newPage();
  try {
    // An attacker's page (served by the browser's own interception) posting a form to local mode's clock.
    await page.route('http://evil.example/', (route) => route.fulfill({
      contentType: 'text/html',
      body: `<form method="post" action="${base}/api/clock/advance?days=30"><button>go</button></form>`,
    }));
    await page.goto('http://evil.example/');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${base}/api/clock/advance`)),
      page.locator('button').click(),
    ]);
    assert.equal(posted.status(), 403, 'a cross-site POST is refused before it reaches the clock');

    // A page whose name now resolves to 127.0.0.1: same-origin for the browser, not one of local mode's names.
    const port = new URL(base).port;
    const rebound = await page.goto(`http://rebound.example:${port}/api/incidents`);
    assert.equal(rebound.status(), 421);
    assert.ok(!(await page.content()).includes('INC-0001'), 'no incident data under a rebound name');
  } finally {
    await page.close();
  }
});

test('no page raised a script error', { timeout: TEST_TIMEOUT_MS }, () => {
  assert.deepEqual(pageErrors, []);
});
