import * as path from 'node:path';
import { loadEstate } from '../../lambdas/adapters/estate-file';
import type { Estate } from '../../lambdas/core/estate/model';
import { readPlan } from '../../lib/read-access';
import { readStatements, readWildcardFindings } from '../../lib/read-statements';
import { buildWith, folderWith, REPO, SKIP_BUNDLING } from './support/synth';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments-AbCdEf';
const estate = (sources: string): string =>
  `version: 1\nname: shop\nenvironments:\n  staging:\n    region: us-east-1\n    sources:\n${sources}`;

async function load(text: string): Promise<Estate> {
  const r = await loadEstate(path.join(folderWith({ 'drift.yaml': text }), 'drift.yaml'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.estate;
}

const statementsOf = async (text: string) => {
  const plan = readPlan([await load(text)]);
  return {
    statements: readStatements({ ...plan, envFileBuckets: [] }, '123456789012', 'us-east-1').map((s) => s.toStatementJson() as object),
    wildcards: readWildcardFindings(plan),
  };
};

describe('a live secretsmanager source is granted exactly its secret', () => {
  test('GetSecretValue on the declared secrets (a name with its six-character suffix), kms:Decrypt only through Secrets Manager', async () => {
    const { statements, wildcards } = await statementsOf(
      estate(`      - secretsmanager: { secretId: staging/payments }\n      - secretsmanager: { secretId: "${ARN}" }\n`),
    );
    expect(statements).toEqual([
      {
        Sid: 'ReadDeclaredSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [ARN, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:staging/payments-??????'],
      },
      {
        Sid: 'DecryptSecretsViaSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
      },
    ]);
    expect(wildcards).toEqual(['Resource::*']);
  });

  test('a recorded one is granted nothing', async () => {
    const { statements } = await statementsOf(estate('      - secretsmanager: { secretId: staging/payments, from: s.json }\n'));
    expect(statements).toEqual([]);
  });

  test('a secret ARN in another region than its environment is refused at synth, saying where it is', async () => {
    const dir = folderWith({ 'drift.yaml': estate(`      - secretsmanager: { secretId: "${ARN.replace('us-east-1', 'eu-west-1')}" }\n`) });
    const rel = path.relative(REPO, path.join(dir, 'drift.yaml'));
    const failure = await buildWith({ ...SKIP_BUNDLING, estates: rel }).catch((e: unknown) => e);
    expect((failure as Error).message).toContain(
      `${rel}:7:37: environments.staging.sources[0].secretsmanager.secretId: is in eu-west-1, but the source is read in us-east-1`,
    );
  });
});
