import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ssmRevert } from '../../../lambdas/core/revert/ssm-revert';
import { commands, observed, revertInput } from './revert-input';

// A secret bound for a secret store is typed at a prompt drift prints: the line must work in the
// shell people paste it into or run the plan with — POSIX sh (dash), bash — and keep the value whole.
const SECRET = { kind: 'secret', fingerprint: 'f'.repeat(64), keyId: 'k1' } as const;
const prompt = (): string => {
  const param = observed('ssm', '/prod/token', '/prod/token', SECRET);
  return commands(ssmRevert(revertInput({}, param, { target: { secret: true } })))[0]!;
};

describe('the secret prompt of drift revert', () => {
  it.each(['sh', 'bash'])('%s writes the typed value, exactly, to a private file', (shell) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-prompt-'));
    const typed = `  s3cr3t with spaces, 'quotes' "and" $HOME \\ backslash  `;
    const ran = spawnSync(shell, ['-c', prompt()], { cwd: dir, input: `${typed}\n`, encoding: 'utf8' });
    expect(ran.stderr).not.toMatch(/illegal option|not found|coprocess|invalid option/i);
    expect(ran.status).toBe(0);
    const file = path.join(dir, 'revert-production-us-key.value');
    expect(readFileSync(file, 'utf8')).toBe(typed);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(ran.stdout).not.toContain('s3cr3t');
  });
});
