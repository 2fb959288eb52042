import type { ParseContext } from '../sources/context';
import type { EcsInputs } from '../sources/ecs';
import { ecsDocumentAsRead } from '../sources/ecs-read-fields';
import { readEcsEnvFile } from '../sources/ecs-env-file';
import { isRecord, records, type Rec } from '../sources/shape';
import { hiddenText } from '../values/hidden-names';
import type { NameVerdicts } from '../sources/interner';
import { namesHidden } from './recorded-names';
import { recordedLiteral, type RecordedFile, type SourceRecording } from './recorded-text';

/** Every container's plain `environment` with secret values (by name or content) replaced by markers, in place. */
function redactTaskDefinitions(node: unknown, ctx: ParseContext): void {
  if (Array.isArray(node)) node.forEach((n) => redactTaskDefinitions(n, ctx));
  if (!isRecord(node)) return;
  if (Array.isArray(node.containerDefinitions)) {
    for (const c of records(node.containerDefinitions)) {
      for (const e of records(c.environment)) {
        if (typeof e.name === 'string' && typeof e.value === 'string') e.value = recordedLiteral(e.name, e.value, ctx);
      }
    }
  }
  for (const v of Object.values(node)) if (typeof v === 'object') redactTaskDefinitions(v, ctx);
}

/** `describe-task-definition` → `task-definition`, and so on: the file says what the document is. */
function documentName(json: unknown): string {
  const doc: Rec = isRecord(json) ? json : {};
  if ('taskDefinition' in doc || 'containerDefinitions' in doc) return 'task-definition';
  if ('services' in doc) return 'services';
  if ('ScalableTargets' in doc) return 'scalable-targets';
  if ('tasks' in doc) return 'tasks';
  return 'document';
}

/** Where an environment file goes: its S3 key (or recorded path), so the parser finds it again by suffix. */
// Under its bucket's folder: two buckets may hold one key (the reader matches `bucket/key` first).
// An S3 key may hold `..` segments (`a/../../../.bashrc` is a valid key, in a task definition anyone who may register
// one can write): they are spelt %2E%2E, so the file stays in the recording's folder; the reader finds it by its name.
const envFilePath = (file: string): string =>
  `environment-files/${file
    .replace(/^s3:\/\//, '')
    .replace(/^(\.\.\/)+/, '')
    .split(/[\\/]+/)
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => (segment === '..' ? '%2E%2E' : segment))
    .join('/')}`;

/**
 * An `ecs` source as the documents its parser read (the fields it reads, nothing else), secret variables (by name or content, in every
 * container and in the environment files) replaced by markers; `secrets` are references and stay as they are.
 */
export function ecsRecording(
  inputs: EcsInputs,
  spec: { container?: string; cluster?: string; service?: string },
  ctx: ParseContext,
): SourceRecording {
  const losses: string[] = [];
  const verdicts: NameVerdicts = new Map();
  const files: RecordedFile[] = inputs.documents.map(({ json }, i) => {
    // Only what the parser reads: a command line or a log driver's options are no part of a recording.
    // Names first: a value under a hidden name is then a secret by that name, as the audit read it.
    const copy = namesHidden(structuredClone(ecsDocumentAsRead(json)), ctx.fp, verdicts);
    redactTaskDefinitions(copy, ctx);
    return { path: `${String(i + 1).padStart(2, '0')}-${documentName(copy)}.json`, text: `${JSON.stringify(copy, null, 2)}\n` };
  });
  for (const f of inputs.envFiles) {
    const path = envFilePath(f.file);
    if (!/\.env$/i.test(path)) losses.push(`${f.file}: not named *.env, so the recorded ecs source does not read it`);
    // In the agent's own syntax, which reads every line as written: what it set, and nothing else.
    const lines = readEcsEnvFile(f.text).map((e) => {
      const name = hiddenText(e.key, ctx.fp, verdicts);
      return `${name}=${recordedLiteral(name, e.value, ctx)}\n`;
    });
    files.push({ path, text: lines.join('') });
  }
  const names = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
  return { files, spec: names, losses };
}
