import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildDriftApp } from '../../../lib/app';

export const REPO = path.resolve(__dirname, '../../..');
/** Real bundling of the four handlers is `npx cdk synth`'s job; these tests only read the template. */
export const SKIP_BUNDLING = { 'drift:skipBundling': true };

/** Writes files (path → text) into a fresh folder and returns it. */
export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'drift-infra-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** buildDriftApp as `cdk synth` runs it: the CLI's default account and region (if any) in the environment. */
export async function buildWith(
  context: Record<string, unknown>,
  opts: { cwd?: string; account?: string; region?: string } = {},
): Promise<Awaited<ReturnType<typeof buildDriftApp>>> {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const set = (k: string, v: string | undefined) => (v === undefined ? delete process.env[k] : (process.env[k] = v));
  set('CDK_DEFAULT_ACCOUNT', opts.account);
  set('CDK_DEFAULT_REGION', opts.region);
  try {
    return await buildDriftApp({ cwd: opts.cwd ?? REPO, context, outdir: mkdtempSync(path.join(tmpdir(), 'drift-cdk-')) });
  } finally {
    set('CDK_DEFAULT_ACCOUNT', saved.account);
    set('CDK_DEFAULT_REGION', saved.region);
  }
}

type Json = unknown;
/** How a reference to a resource of the template is written out: `(logicalId, attribute or 'Ref')`. */
export type RefText = (logicalId: string, attribute: string) => string;

/** An intrinsic-laden value as one string, references written by `ref` (pseudo parameters by `pseudo`). */
export function renderValue(v: Json, ref: RefText, pseudo: Record<string, string>): Json {
  if (Array.isArray(v)) return v.map((x) => renderValue(x, ref, pseudo));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, Json>;
  if ('Ref' in o && typeof o.Ref === 'string') return pseudo[o.Ref] ?? ref(o.Ref, 'Ref');
  if ('Fn::GetAtt' in o) {
    const [id, attr] = o['Fn::GetAtt'] as [string, string];
    return ref(id, attr);
  }
  if ('Fn::Join' in o) {
    const [sep, parts] = o['Fn::Join'] as [string, Json[]];
    return parts.map((p) => String(renderValue(p, ref, pseudo))).join(sep);
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, renderValue(x, ref, pseudo)]));
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const arr = (x: Json): string[] => (Array.isArray(x) ? x.map(String) : x === undefined ? [] : [String(x)]);

/** Every identity statement of a role (its inline policies and the AWS::IAM::Policy resources attached), rendered. */
export function roleStatements(stack: Stack, roleLogicalId: string, ref: RefText, pseudo: Record<string, string>): Statement[] {
  const resources = resourcesOf(stack);
  const docs: Json[] = [];
  const role = resources[roleLogicalId];
  if (!role) throw new Error(`no role ${roleLogicalId}`);
  for (const p of (role.Properties.Policies as Array<{ PolicyDocument: Json }> | undefined) ?? []) docs.push(p.PolicyDocument);
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::ManagedPolicy') continue;
    if ((r.Properties.Roles as Array<{ Ref?: string }>).some((x) => x.Ref === roleLogicalId)) docs.push(r.Properties.PolicyDocument);
  }
  return docs
    .flatMap((d) => (d as { Statement: Json[] }).Statement)
    .map((s) => renderValue(s, ref, pseudo) as Record<string, Json>)
    .map((s) => ({
      Effect: s.Effect as 'Allow' | 'Deny',
      Action: arr(s.Action).sort(),
      Resource: arr(s.Resource).sort(),
      ...(s.Condition ? { Condition: s.Condition as Statement['Condition'] } : {}),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The resources of a stack's template, resolved. */
export function resourcesOf(stack: Stack): Record<string, { Type: string; Properties: Record<string, Json> }> {
  return (Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, Json> }> })
    .Resources;
}
