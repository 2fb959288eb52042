import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Finding } from '../../lambdas/core/model';
import { copyOfExamples, drift, REPO, scratch } from '../helpers/cli';
import { codeEstate } from '../helpers/code-estate';

// Debian's chromium: .ci/run installs it. Never skipped: without it this test fails and says why.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the HTML report test needs Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium, as .ci/run does)`,
    );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Every request that tried to leave the page (all are refused). */
  requests: string[];
  errors: string[];
}

/** Opens a report from disk with every request outside the file itself refused and recorded. */
async function open(file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  await page.waitForSelector('#matrix .row');
  return { page, requests, errors };
}

/** The audit of `dir` written as HTML by `drift audit --report`. */
async function report(dir: string, ...args: string[]): Promise<string> {
  const r = await drift(['audit', '--report', 'r.html', '--no-store', ...args], { cwd: dir });
  expect(r.stderr).toBe('');
  return path.join(dir, 'r.html');
}

/** The matrix cell of `key` in `env` as shown: its text and its status. */
async function cell(page: Page, key: string, env: string): Promise<{ text: string | null; status: string | null }> {
  const column = (await page.locator('#matrix .head > div').allTextContents()).indexOf(env);
  const div = page.locator(`#matrix .row[data-key=${JSON.stringify(key)}] > div`).nth(column);
  return { text: await div.textContent(), status: await div.getAttribute('data-status') };
}

/** Waits until the matrix shows `one` row only, or more than one (the page's policy forbids waitForFunction's eval). */
const rowsShown = async (page: Page, one: boolean) =>
  page
    .locator('#matrix .row')
    .nth(1)
    .waitFor({ state: one ? 'detached' : 'attached' });

const findingCount = (page: Page) => page.locator('#findings .finding').count();

describe('the HTML report', () => {
  test('shows the example estate: the matrix, filters, search, details; no request leaves the page', async () => {
    const dir = copyOfExamples();
    const doc = JSON.parse((await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir })).stdout) as { findings: Finding[] };
    const where = (p: (f: Finding) => boolean) => doc.findings.filter(p).length;
    const { page, requests, errors } = await open(await report(dir));
    expect(await cell(page, 'db.timeout', 'production-us')).toEqual({ text: '60s', status: 'constraint' });
    expect(await cell(page, 'log.include.sensitive', 'production-us')).toEqual({ text: 'true', status: 'mismatch' });
    expect(await cell(page, 'inventory.service.url', 'production-us')).toEqual({ text: '', status: 'missing' });
    expect((await cell(page, 'db.timeout', 'dev'))?.status).toBe('ok');
    expect(await page.locator('#matrix .cell', { hasText: '<secret:' }).count()).toBeGreaterThan(0);

    // Grouped by root cause: the constraint leads, its mismatch sits beneath it.
    const all = await findingCount(page);
    expect(all).toBe(doc.findings.length);
    expect(await page.locator('#findings .finding.related', { hasText: 'db.timeout' }).count()).toBe(1);

    // An environment's findings, and those of the parity groups it is compared in.
    await page.selectOption('#f-env', 'staging');
    expect(await findingCount(page)).toBe(where((f) => f.environment === 'staging' || (f.values !== undefined && 'staging' in f.values)));
    expect(await page.locator('#findings .finding .subject').allTextContents()).toEqual(
      expect.arrayContaining(['smtp.password', 'checkout.rollout.percent', 'enable.new.checkout', 'payment.timeout']),
    );
    expect(await page.locator('#matrix .head > div').allTextContents()).toEqual(['key', 'staging']);
    await page.selectOption('#f-severity', 'high');
    expect(await page.locator('#findings .finding').allTextContents()).toEqual([expect.stringContaining('smtp.password')]);
    await page.selectOption('#f-env', '');
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-kind', 'retired');
    expect(await findingCount(page)).toBe(where((f) => f.kind === 'retired'));
    await page.selectOption('#f-kind', '');
    await page.selectOption('#f-owner', 'team-inventory');
    expect(await page.locator('#findings .finding').allTextContents()).toEqual([expect.stringContaining('inventory.service.url')]);
    await page.locator('#findings .finding').first().click();
    expect(await page.locator('#details').innerText()).toMatch(
      /inventory\.service\.url in production-us[\s\S]*team-inventory[\s\S]*drift adopt production-us inventory\.service\.url/,
    );
    await page.selectOption('#f-owner', '');
    expect(await findingCount(page)).toBe(all);

    await page.fill('#search', 'pool.size');
    await rowsShown(page, true);
    expect(await page.locator('#matrix .row .key').allTextContents()).toEqual(['database.pool.size']);
    expect(await page.locator('#findings .finding').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#findings .finding .subject').allTextContents()).toEqual(expect.arrayContaining(['database.pool.size']));
    await page.fill('#search', '');
    await rowsShown(page, false);

    // A cell's details: value, provenance, the finding, and the commands that settle it.
    const row = page.locator('#matrix .row[data-key="db.timeout"]');
    await row.locator('.cell.st-constraint').click();
    const details = await page.locator('#details').innerText();
    expect(details).toContain('db.timeout in production-us');
    expect(details).toContain('k8s Deployment checkout/checkout-api container api env DB_TIMEOUT');
    expect(details).toContain('above the maximum 30s');
    expect(details).toContain('drift adopt production-us db.timeout');
    expect(details).toContain('drift revert production-us db.timeout');

    expect(await page.locator('#suppressed li').count()).toBeGreaterThan(0);
    // `npm run report-picture` writes the README's picture; a plain test run leaves the tree clean.
    const picture = process.env.DRIFT_REPORT_PICTURE ? path.resolve(REPO, process.env.DRIFT_REPORT_PICTURE) : path.join(dir, 'report.png');
    mkdirSync(path.dirname(picture), { recursive: true });
    await page.screenshot({ path: picture });
    expect(readFileSync(picture).subarray(1, 4).toString()).toBe('PNG');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test('with code: in the estate, each key says whether the code reads it, and where', async () => {
    const dir = codeEstate({
      staging: 'INVENTORY_SERVICE_URL=http://inventory\nENABLE_NEW_CHECKOUT=true\n',
      production: 'ENABLE_NEW_CHECKOUT=true\n',
      src: { 'app.js': "const url = process.env.INVENTORY_SERVICE_URL ?? 'http://legacy';\n" },
    });
    const { page, errors } = await open(await report(dir));
    const key = (k: string) => page.locator(`#matrix .row[data-key=${JSON.stringify(k)}] > .key`);
    expect(await key('inventory.service.url').getAttribute('class')).toBe('key read');
    expect(await key('inventory.service.url').getAttribute('title')).toBe("read by code: src/app.js:1 (default 'http://legacy')");
    expect(await key('enable.new.checkout').getAttribute('class')).toBe('key unread');
    await page.locator(`#matrix .row[data-key="enable.new.checkout"] .cell`).first().click();
    expect(await page.locator('#details').innerText()).toMatch(/code\s+no code reads it/);
    expect(errors).toEqual([]);
  });

  test('a key holding a right-to-left override is shown escaped, its findings on its row and in its commands', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: bidi\nenvironments:\n  a:\n    sources:\n      - file: { from: a.json }\n  b:\n    sources:\n      - file: { from: b.json }\nparity:\n  - { name: ab, environments: [a, b] }\n',
      'a.json': JSON.stringify({ 'pay\u202eto': 'x' }),
      'b.json': JSON.stringify({ 'pay\u202eto': 'y' }),
    });
    const { page, errors } = await open(await report(dir));
    expect(await cell(page, 'pay\\u202eto', 'a')).toEqual({ text: 'x', status: 'parity' });
    await page.locator('#matrix .row[data-key="pay\\\\u202eto"] .cell').first().click();
    const details = await page.locator('#details').innerText();
    expect(details).toContain('pay\\u202eto');
    expect(await page.locator('body').innerText()).not.toContain('\u202e');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test('values holding markup or </script> are shown as text and never run', async () => {
    const planted = ['<img src=x onerror="window.__pwned=1">', '</script><script>window.__pwned=2</script>'];
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: planted\nenvironments:\n  a:\n    sources:\n      - file: { from: a.json }\n  b:\n    sources:\n      - file: { from: b.json }\nparity:\n  - { name: ab, environments: [a, b] }\n',
      'a.json': JSON.stringify({ banner: planted[0], footer: planted[1], 'x</script><b>': 'k' }),
      'b.json': JSON.stringify({ banner: 'plain', footer: 'plain' }),
    });
    const file = await report(dir);
    expect(readFileSync(file, 'utf8')).not.toContain('</script><script>window');
    const { page, requests, errors } = await open(file);
    expect(await cell(page, 'banner', 'a')).toEqual({ text: planted[0], status: 'parity' });
    expect(await cell(page, 'footer', 'a')).toEqual({ text: planted[1], status: 'parity' });
    expect(await page.locator('#matrix .row .key', { hasText: 'x<.script><b>' }).count()).toBe(1);
    await page.locator('#matrix .row[data-key="banner"] .cell').first().click();
    expect(await page.locator('#details').innerText()).toContain(planted[0]);
    expect(await page.locator('#details img, #matrix img, #findings img, #matrix b').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test('--report FILE: written besides what stdout gets; a path that cannot be written is a usage error before anything runs', async () => {
    const dir = copyOfExamples();
    const r = await drift(['audit', '--report', 'out/r.html', '--no-store'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report out/r.html: no such folder');
    const twice = await drift(['audit', '--report', 'r.html', '--output', 'html=r.html', '--no-store'], { cwd: dir });
    expect(twice.stderr).toContain('--report: r.html is named twice');
    const ok = await drift(['audit', '--report', 'r.html', '--format', 'json', '--no-store'], { cwd: dir });
    expect(JSON.parse(ok.stdout).schema).toBe('drift-audit/v1');
    expect(readFileSync(path.join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  test('5,000 keys × 20 environments: rendered on demand, the last key reachable by scrolling', async () => {
    const envs = Array.from({ length: 20 }, (_, i) => `env${String(i).padStart(2, '0')}`);
    const keys = Array.from({ length: 5000 }, (_, k) => `key.${String(k).padStart(4, '0')}`);
    const files: Record<string, string> = {
      'drift.yaml': `version: 1\nname: big\nenvironments:\n${envs.map((e) => `  ${e}:\n    sources:\n      - dotenv: { from: ${e}.env }`).join('\n')}\nparity:\n  - { name: all, environments: [${envs.join(', ')}] }\nbaseline:\n  keys:\n${keys.map((k) => `    ${k}: { type: string }`).join('\n')}\n`,
    };
    for (const [n, e] of envs.entries())
      files[`${e}.env`] = Array.from({ length: 5000 }, (_, k) => `KEY_${String(k).padStart(4, '0')}=${k % 7 === 0 ? n : k}`).join('\n');
    const { page, requests, errors } = await open(await report(scratch(files), '--fail-on', 'critical'));
    expect(await page.locator('#matrix-count').textContent()).toBe('5000 of 5000 keys');
    expect(await page.locator('#matrix .cell').count()).toBeLessThan(2000);
    await page.evaluate("(m => { m.scrollTop = m.scrollHeight; })(document.getElementById('matrix'))");
    await page.waitForSelector('#matrix .row[data-key="key.4999"]');
    expect(await cell(page, 'key.4999', 'env19')).toEqual({ text: '4999', status: 'ok' });
    expect(await page.locator('#matrix .cell').count()).toBeLessThan(2000);
    // 715 parity findings (every seventh key differs), listed a page at a time.
    expect(await findingCount(page)).toBe(200);
    await page.click('#more');
    expect(await findingCount(page)).toBe(400);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
