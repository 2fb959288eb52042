// What `npm test` runs before jest: the type check, ESLint, Prettier and the Chromium the report test
// needs. None depends on another, and each alone leaves a core idle (ESLint and Prettier run on one,
// apt-get waits on the network), so they run side by side: on two cores this takes the longest of them
// instead of their sum. Each one's output is printed whole when it ends; any failure fails the lot.
import { spawn } from 'node:child_process';

const STEPS = [
  ['type check', 'npm', ['run', 'typecheck', '--silent']],
  ['eslint', 'npm', ['run', 'lint:code', '--silent']],
  ['prettier', 'npm', ['run', 'lint:format', '--silent']],
  ['chromium', 'bash', ['scripts/ensure-chromium.sh']],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (err) => resolve({ name, code: 1, output: `${err.message}\n` }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal, output: Buffer.concat(output).toString() }));
  });
}

const results = await Promise.all(STEPS.map(run));
for (const { name, code, signal, output } of results) {
  if (output) process.stdout.write(output);
  if (code !== 0) process.stderr.write(`npm test: ${name} failed (${signal ?? `exit ${code}`})\n`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
