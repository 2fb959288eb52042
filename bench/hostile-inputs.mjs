// Inputs built to stall pattern matching, and how long drift takes over them: long runs of one character (or a short
// word) after the prefixes drift's patterns look for, each run ended by what makes a match fail (a lone CR, a stray
// character). A linear reader takes milliseconds a line; a pattern that backtracks or restarts super-linearly takes
// seconds. Two parts: the settings files `drift code scan` reads beside the code (not source files: there, tree-sitter's
// own recovery from garbage takes most of the time), and values, through the classifier every source runs on what it reads.
//   node bench/hostile-inputs.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { figure, stats, timeProcess } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = 3;
// A linear reader takes about 3 s on this tree on two cores (most of it parsing the YAML and properties files); one
// quadratic pattern adds seconds to minutes.
const SCAN_TARGET_MS = 5000;
const VALUE_TARGET_MS = 100;

/** Characters of a run, each repeated RUN times. */
const RUN_CHARS = [' ', '\t', '=', ':', '#', '"', "'", '/', '$', '<', '>', ',', '@', '.', '-', '_', 'A', 'a', '0', '\\'];
/**
 * Words of a run: separators and names that adjacent quantifiers can trade between them. Brackets come closed (a file
 * nested deeper than the scanner follows is not read at all, which would hide what this measures).
 */
const RUN_WORDS = ['a.', 'A_', 'a, ', '${a}', '{}', '()', '[]', 'a:', 'a=', 'sh/', '::', ' -', '%{a}', '<!--', '-x/find '];
/** What the scanner's patterns start from: a setting, an import, a read, an instruction. */
const PREFIXES = [
  '',
  'ENV A',
  'ARG A',
  'RUN ',
  'CMD ',
  'spring.profiles',
  'spring.config.activate.on-profile',
  'import ',
  'from a import ',
  'using static ',
  'use ',
  "gem 'sidekiq'",
  'group ',
  'env(',
  'A = ${?A',
  'os.Getenv("',
  'getenv(',
  'process.env.',
  'System.getenv(',
  'ENV[',
  '`envconfig:"',
  '@Value("${',
  '<property name="',
];
const ENDINGS = ['\r', '\u2028', '!'];

/** The settings files the scanner reads, by the name it recognises them by. */
const FILES = [
  'Dockerfile',
  'Gemfile',
  'src/main/resources/application.properties',
  'src/main/resources/application.yml',
  'src/main/resources/application.conf',
  'src/main/resources/logback.xml',
  'config/services.yaml',
  'config/database.yml',
  'prisma/schema.prisma',
];

/** One file's text: every prefix with every run, each ended in turn by one of ENDINGS. */
export function hostileText(run) {
  const runs = [...RUN_CHARS.map((c) => c.repeat(run)), ...RUN_WORDS.map((w) => w.repeat(Math.ceil(run / w.length)))];
  const lines = [];
  let i = 0;
  for (const prefix of PREFIXES) for (const r of runs) lines.push(`${prefix}${r}${ENDINGS[i++ % ENDINGS.length]}x`);
  return `${lines.join('\n')}\n`;
}

/** Writes the tree under `dir`; returns its files and bytes. */
export function writeHostileTree(dir, run = 1000) {
  const text = hostileText(run);
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return { files: FILES.length, bytes: FILES.length * Buffer.byteLength(text) };
}

/** Texts for the value classifier: each character, pair of characters and secret rule keyword repeated, or followed by a run. */
function hostileValues(SECRET_RULES, length) {
  const chars = [...' \t\r\n\u2028!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~aZ09'];
  const keywords = [...new Set(SECRET_RULES.flatMap((r) => r.keywords))];
  const texts = chars.map((c) => c.repeat(length) + '!');
  for (const a of chars) for (const b of chars) if (a !== b) texts.push((a + b).repeat(length / 2) + '!');
  for (const w of [...PREFIXES, ...RUN_WORDS, ...keywords].filter(Boolean)) {
    texts.push(w.repeat(Math.ceil(length / w.length)));
    for (const c of [' ', '=', ':', 'a', '/', '@', '"', '0']) texts.push(w + c.repeat(length));
  }
  return texts;
}

/** The slowest and the total time of the value classifier over hostile values, in this process. */
async function valueTimes(length) {
  const outfile = path.join(here, '..', 'dist', 'hostile-values.cjs');
  await build({
    entryPoints: [path.join(here, 'hostile-values.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const { makeValue, SECRET_RULES } = createRequire(import.meta.url)(outfile);
  const fp = { fingerprint: () => 'f', keyId: 'k', acceptsMarkers: false };
  const texts = hostileValues(SECRET_RULES, length);
  let slowest = 0;
  const started = performance.now();
  for (const text of texts) {
    const s = performance.now();
    // As a value of a name that says nothing, and on its own.
    makeValue(text, false, fp, 'SOME_SETTING');
    makeValue(text, false, fp);
    slowest = Math.max(slowest, performance.now() - s);
  }
  return { count: texts.length, slowest, total: performance.now() - started };
}

/** The hostile-input figures and their markdown section. */
export async function hostileInputs() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bench-hostile-'));
  try {
    const { files, bytes } = writeHostileTree(dir);
    const args = [path.join(here, '..', 'bin', 'drift.js'), 'code', 'scan', dir, '--format', 'json'];
    const scan = stats(Array.from({ length: RUNS }, () => timeProcess(args, { timeoutMs: 600_000 })));
    const values = await valueTimes(10_000);
    const figures = [
      figure('hostile settings files: drift code scan, median', Math.round(scan.median), 'ms', `< ${SCAN_TARGET_MS}`),
      figure('hostile values: slowest classification', Math.round(values.slowest), 'ms', `< ${VALUE_TARGET_MS}`),
    ];
    const verdict = (f) => `${f.target} ms (${f.met ? 'met' : 'MISSED'})`;
    const md = [
      '## Hostile inputs',
      '',
      `Text built to stall pattern matching (\`hostile-inputs.mjs\`): runs of a character or a short word after the prefixes drift's patterns look for, ended by what makes a match fail.`,
      '',
      '| input | figure | ms | target |',
      '|---|---|---|---|',
      `| ${files} settings files, ${(bytes / 1e6).toFixed(1)} MB | \`drift code scan\`, median of ${RUNS} (min ${Math.round(scan.min)}, max ${Math.round(scan.max)}) | ${figures[0].value} | ${verdict(figures[0])} |`,
      `| ${values.count} values of 10,000 characters | slowest classification (all: ${Math.round(values.total)} ms) | ${figures[1].value} | ${verdict(figures[1])} |`,
      '',
    ].join('\n');
    return { figures, md };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write((await hostileInputs()).md);
