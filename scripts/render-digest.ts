// Renders the Slack digest of the example estate to docs/digest.png: the real payload, captured by a
// local webhook, drawn as a small HTML preview of its blocks and screenshotted in headless Chromium
// (Debian's `chromium` package). Run with `npm run digest-picture`.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { main } from '../lambdas/cli/main';

interface Block {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ type: string; text: string }>;
}

const REPO = path.resolve(__dirname, '..');

// Slack's emoji as coloured marks: the preview must not depend on an emoji font.
const dot = (c: string) => `<span style="color:${c}">●</span>`;
const EMOJI: Record<string, string> = {
  large_red_circle: dot('#c0193b'),
  red_circle: dot('#c0193b'),
  large_orange_circle: dot('#e8912d'),
  large_yellow_circle: dot('#e0b400'),
  large_blue_circle: dot('#1264a3'),
  white_circle: dot('#bbb'),
  pencil2: '✎',
  white_check_mark: '<span style="color:#2eb67d">✔</span>',
  new: '<b style="color:#1264a3">NEW</b>',
  warning: '⚠',
  hourglass_flowing_sand: '⧗',
};

/** Slack mrkdwn to HTML, enough for a preview: the text is already escaped for Slack, hence for HTML. */
function mrkdwn(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '<a href="$1">$2</a>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(
      /:(large_red_circle|red_circle|large_orange_circle|large_yellow_circle|large_blue_circle|white_circle|pencil2|white_check_mark|new|warning|hourglass_flowing_sand):/g,
      (_m, name: string) => EMOJI[name] ?? '',
    )
    .replace(/\n/g, '<br>');
}

function html(blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      if (b.type === 'header') return `<h1>${b.text?.text ?? ''}</h1>`;
      if (b.type === 'divider') return '<hr>';
      if (b.type === 'context') return `<p class="ctx">${(b.elements ?? []).map((e) => mrkdwn(e.text)).join(' ')}</p>`;
      return `<p>${mrkdwn(b.text?.text ?? '')}</p>`;
    })
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><style>
body{font:15px/1.45 -apple-system,'Segoe UI',Lato,sans-serif;margin:0;background:#f8f8f8}
.msg{background:#fff;margin:16px;padding:14px 18px;border-left:4px solid #4a154b;width:760px}
h1{font-size:18px;margin:4px 0 10px}p{margin:6px 0}.ctx{color:#616061;font-size:13px}
code{background:#f2f2f2;border:1px solid #ddd;border-radius:3px;padding:0 3px;font-size:13px;color:#c0193b}
hr{border:0;border-top:1px solid #e8e8e8}a{color:#1264a3}</style><div class="msg">${body}</div>`;
}

async function capture(dir: string, now: Date, url: string): Promise<void> {
  const io = {
    stdout: { write: () => true },
    stderr: { write: (s: string) => process.stderr.write(s) },
    env: {
      DRIFT_SLACK_WEBHOOK_URL: url,
      DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1',
      DRIFT_FINGERPRINT_KEY: Buffer.alloc(32, 9).toString('base64'),
    },
    cwd: dir,
  };
  await main(['node', 'drift', 'audit', '--notify'], io, () => now);
}

async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-digest-'));
  cpSync(path.join(REPO, 'examples'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.drift`) });
  const payloads: Array<{ blocks: Block[] }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      payloads.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T/B/X`;
  await capture(dir, new Date('2026-11-23T07:00:00Z'), url);
  // Overnight, the on-call engineer puts the API timeout back, someone bumps the pool size, and an
  // emergency fix points the service at the connection pooler's port: a new finding, with its commands.
  const ssm = path.join(dir, 'exports', 'production-us-ssm.json');
  const doc = JSON.parse(readFileSync(ssm, 'utf8')) as {
    Parameters: Array<{ Name: string; Value: string; Version: number; LastModifiedUser?: string; [field: string]: unknown }>;
  };
  doc.Parameters.push({
    Name: '/production-us/checkout/database/port',
    Type: 'String',
    Value: '6432',
    Version: 1,
    LastModifiedDate: '2026-11-24T01:12:40.000000+00:00',
    LastModifiedUser: 'arn:aws:sts::222222222222:assumed-role/oncall/bob',
    ARN: 'arn:aws:ssm:us-east-1:222222222222:parameter/production-us/checkout/database/port',
    DataType: 'text',
  });
  for (const p of doc.Parameters) {
    if (p.Name.endsWith('/api/timeout'))
      Object.assign(p, { Value: '30', Version: p.Version + 1, LastModifiedUser: 'arn:aws:sts::222222222222:assumed-role/oncall/bob' });
    if (p.Name.endsWith('/database/pool_size'))
      Object.assign(p, { Value: '40', Version: p.Version + 1, LastModifiedUser: 'arn:aws:sts::222222222222:assumed-role/oncall/dmitri' });
  }
  writeFileSync(ssm, JSON.stringify(doc, null, 2));
  await capture(dir, new Date('2026-11-24T07:00:00Z'), url);
  server.close();
  const payload = payloads[payloads.length - 1]!;
  writeFileSync(path.join(REPO, 'docs', 'digest-payload.json'), `${JSON.stringify(payload, null, 2)}\n`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.setContent(html(payload.blocks));
  await page.locator('.msg').screenshot({ path: path.join(REPO, 'docs', 'digest.png') });
  await browser.close();
  process.stdout.write(`docs/digest.png: ${payload.blocks.length} blocks\n`);
}

void run();
