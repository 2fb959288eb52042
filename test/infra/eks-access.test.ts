import * as path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseAllDocuments } from 'yaml';
import { renderRbac } from '../../lib/eks-rbac';
import { MemberReadRoleStack } from '../../lib/member-read-role-stack';
import { buildWith, folderWith, REPO, resourcesOf, SKIP_BUNDLING } from './support/synth';

const accessEntries = (stack: Stack) =>
  Object.values(resourcesOf(stack))
    .filter((r) => r.Type === 'AWS::EKS::AccessEntry')
    .map((r) => r.Properties);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('EKS: one access entry per principal per cluster', () => {
  test('the member stack: two workloads on one cluster make one access entry (EKS refuses a second)', () => {
    const stack = new MemberReadRoleStack(new App(), 'Member', {
      env: { account: '222222222222', region: 'eu-west-1' },
      installationAccount: '999999999999',
      roleName: 'drift-read',
      eks: [
        { cluster: 'prod-eu', namespace: 'checkout', workload: 'checkout-api' },
        { cluster: 'prod-eu', namespace: 'checkout', workload: 'deployment/checkout-worker' },
        { cluster: 'prod-eu', namespace: 'payments', workload: 'payments-api' },
      ],
    });
    expect(accessEntries(stack).map((e) => e.ClusterName)).toEqual(['prod-eu']);
  });

  test('clusters named shop_cluster and shop-cluster (EKS allows "_") each get their entry, shop-cluster under its usual id', () => {
    const stack = new MemberReadRoleStack(new App(), 'Member', {
      env: { account: '222222222222', region: 'eu-west-1' },
      installationAccount: '999999999999',
      roleName: 'drift-read',
      eks: [
        { cluster: 'shop_cluster', namespace: 'shop', workload: 'api' },
        { cluster: 'shop-cluster', namespace: 'shop', workload: 'api' },
      ],
    });
    expect(
      accessEntries(stack)
        .map((e) => e.ClusterName)
        .sort(),
    ).toEqual(['shop-cluster', 'shop_cluster']);
    expect(resourcesOf(stack)['Accessshopcluster']?.Properties.ClusterName).toBe('shop-cluster');
  });

  test('a cluster named shop_cluster alone keeps the id its entry was deployed under (a new one would replace it)', () => {
    const stack = new MemberReadRoleStack(new App(), 'Member', {
      env: { account: '222222222222', region: 'eu-west-1' },
      installationAccount: '999999999999',
      roleName: 'drift-read',
      eks: [{ cluster: 'shop_cluster', namespace: 'shop', workload: 'api' }],
    });
    expect(resourcesOf(stack)['Accessshopcluster']?.Properties.ClusterName).toBe('shop_cluster');
  });

  test('a stack whose region is known only at deploy: each entry is created only where its cluster is (a condition on AWS::Region)', () => {
    const stack = new MemberReadRoleStack(new App(), 'Member', {
      installationAccount: '999999999999',
      roleName: 'drift-read',
      eks: [
        { cluster: 'prod-eu', region: 'eu-west-1', namespace: 'checkout', workload: 'checkout-api' },
        { cluster: 'prod-us', region: 'us-east-1', namespace: 'checkout', workload: 'checkout-api' },
      ],
    });
    const t = Template.fromStack(stack).toJSON() as {
      Conditions?: Record<string, unknown>;
      Resources: Record<string, { Type: string; Condition?: string; Properties: { ClusterName: string } }>;
    };
    const entries = Object.values(t.Resources).filter((r) => r.Type === 'AWS::EKS::AccessEntry');
    expect(entries.map((e) => [e.Properties.ClusterName, t.Conditions?.[e.Condition ?? '']])).toEqual([
      ['prod-eu', { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }],
      ['prod-us', { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }],
    ]);
  });

  test('an own-account cluster (no roleArn): the installation maps its snapshot role with an access entry, once for two workloads', async () => {
    const dir = folderWith({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    region: us-east-1\n    sources:\n' +
        '      - eks: { cluster: prod, namespace: shop, workload: api }\n      - eks: { cluster: prod, namespace: shop, workload: statefulset/cache }\n',
    });
    const { installation } = await buildWith(
      { ...SKIP_BUNDLING, estates: [path.relative(REPO, path.join(dir, 'drift.yaml'))] },
      { account: '123456789012', region: 'us-east-1' },
    );
    expect(accessEntries(installation)).toEqual([
      {
        ClusterName: 'prod',
        PrincipalArn: { 'Fn::GetAtt': [expect.stringMatching(/^DriftSnapshotRole/), 'Arn'] },
        KubernetesGroups: ['drift-readers'],
        Type: 'STANDARD',
      },
    ]);
  });
});

describe('a member account whose environments span regions', () => {
  test('gets its role stack in the first region and a regional stack for each other: access entries and event forwarding where the clusters are', async () => {
    const member = (region: string, cluster: string) =>
      `    account: "333333333333"\n    region: ${region}\n    roleArn: arn:aws:iam::333333333333:role/drift-read\n    sources:\n` +
      `      - ssm: { path: /prod/shop/ }\n      - eks: { cluster: ${cluster}, namespace: shop, workload: api }\n`;
    const dir = folderWith({
      'drift.yaml': `version: 1\nname: shop\nenvironments:\n  prod-eu:\n${member('eu-central-1', 'prod-eu')}  prod-us:\n${member('us-west-2', 'prod-us')}`,
    });
    const { members, regions, app } = await buildWith(
      { ...SKIP_BUNDLING, estates: [path.relative(REPO, path.join(dir, 'drift.yaml'))] },
      { account: '123456789012', region: 'us-east-1' },
    );
    const role = members.find((m) => m.stackName === 'DriftMemberRead-333333333333-drift-read')!;
    expect(role.region).toBe('eu-central-1');
    expect(accessEntries(role).map((e) => e.ClusterName)).toEqual(['prod-eu']);
    expect(regions.map((r) => [r.stackName, r.account, r.region])).toEqual([
      ['DriftMemberRead-333333333333-drift-read-us-west-2', '333333333333', 'us-west-2'],
    ]);
    const [west] = regions;
    expect(accessEntries(west!)).toEqual([
      {
        ClusterName: 'prod-us',
        PrincipalArn: 'arn:aws:iam::333333333333:role/drift-read',
        KubernetesGroups: ['drift-readers'],
        Type: 'STANDARD',
      },
    ]);
    const rules = Object.values(resourcesOf(west!)).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.map((r) => JSON.stringify(r.Properties.Targets))).toEqual(
      Array(3).fill(expect.stringContaining(':events:us-east-1:123456789012:event-bus/default')),
    );
    expect(west!.dependencies.map((d) => d.stackName)).toEqual([role.stackName]);
    // No stack says its cluster is elsewhere: each has the entries of its own region.
    const warnings = app.synth().stacks.flatMap((st) => st.messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data)));
    expect(warnings.filter((w) => w.includes('deploy the stack there too'))).toEqual([]);
  });
});

describe('the installation’s own account in another region', () => {
  test('gets a regional stack: the snapshot role’s access entry on the cluster there, and its change events forwarded home', async () => {
    const env = (region: string, cluster: string) =>
      `    region: ${region}\n    sources:\n      - ssm: { path: /prod/shop/ }\n      - eks: { cluster: ${cluster}, namespace: shop, workload: api }\n`;
    const dir = folderWith({
      'drift.yaml': `version: 1\nname: shop\nenvironments:\n  home:\n${env('us-east-1', 'home')}  west:\n${env('us-west-2', 'west')}`,
    });
    const { installation, regions } = await buildWith(
      { ...SKIP_BUNDLING, estates: [path.relative(REPO, path.join(dir, 'drift.yaml'))] },
      { account: '123456789012', region: 'us-east-1' },
    );
    expect(accessEntries(installation).map((e) => e.ClusterName)).toEqual(['home']);
    expect(regions.map((r) => [r.stackName, r.account, r.region])).toEqual([['DriftInstallation-us-west-2', '123456789012', 'us-west-2']]);
    const [west] = regions;
    expect(accessEntries(west!)).toEqual([
      {
        ClusterName: 'west',
        PrincipalArn: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/drift-snapshot-reader']],
        },
        KubernetesGroups: ['drift-readers'],
        Type: 'STANDARD',
      },
    ]);
    const rules = Object.values(resourcesOf(west!)).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules).toHaveLength(3);
    expect(JSON.stringify(rules)).toContain(':events:us-east-1:123456789012:event-bus/default');
    expect(west!.dependencies.map((d) => d.stackName)).toEqual([installation.stackName]);
  });
});

describe('the cluster owners’ RBAC file', () => {
  const kinds = (yaml: string) => parseAllDocuments(yaml).map((d) => (d.toJS() as { kind?: string } | null)?.kind);

  test('`workload: deployment/api` yields a valid Role: named drift-read-api, on deployments named api', () => {
    const docs = parseAllDocuments(renderRbac([{ cluster: 'prod', namespace: 'shop', workload: 'deployment/api' }])).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(['Role drift-read-api', 'RoleBinding drift-read-api']);
    expect(docs[0].rules[0]).toEqual({ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['api'], verbs: ['get'] });
    expect(docs[1].roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'drift-read-api' });
    for (const d of docs) expect(d.metadata.name).toMatch(DNS_SUBDOMAIN);
  });

  test('a bare name may be any workload kind: one get rule per API group (apps, batch, argoproj.io), on that name only', () => {
    const [role] = parseAllDocuments(renderRbac([{ cluster: 'prod', namespace: 'shop', workload: 'nightly' }])).map((d) => d.toJS());
    expect(role.rules.filter((r: { resourceNames?: string[] }) => r.resourceNames)).toEqual([
      { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'statefulsets'], resourceNames: ['nightly'], verbs: ['get'] },
      { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], resourceNames: ['nightly'], verbs: ['get'] },
      { apiGroups: ['argoproj.io'], resources: ['rollouts'], resourceNames: ['nightly'], verbs: ['get'] },
    ]);
    const [cron] = parseAllDocuments(renderRbac([{ cluster: 'prod', namespace: 'shop', workload: 'cronjob/nightly' }])).map((d) =>
      d.toJS(),
    );
    expect(cron.rules[0]).toEqual({ apiGroups: ['batch'], resources: ['cronjobs'], resourceNames: ['nightly'], verbs: ['get'] });
  });

  test('a workload name with a newline cannot add a ClusterRoleBinding: the file is never written from it', () => {
    const hostile = 'api\n---\nkind: ClusterRoleBinding\nmetadata: { name: own }\nroleRef: { kind: ClusterRole, name: cluster-admin }';
    let yaml = '';
    try {
      yaml = renderRbac([{ cluster: 'prod', namespace: 'shop', workload: hostile }]);
    } catch (err) {
      expect((err as Error).message).toMatch(/workload .* is not a Kubernetes workload/);
    }
    expect(kinds(yaml)).not.toContain('ClusterRoleBinding');
    expect(yaml).toBe('');
  });

  test('…and synth says where it is', async () => {
    const dir = folderWith({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - eks: { cluster: prod, namespace: shop, workload: "api\\n---\\nkind: ClusterRoleBinding" }\n',
    });
    const rel = path.relative(REPO, path.join(dir, 'drift.yaml'));
    await expect(buildWith({ ...SKIP_BUNDLING, estates: [rel] })).rejects.toThrow(
      `${rel}:6:58: environments.prod.sources[0].eks.workload: "api\\n---\\nkind: ClusterRoleBinding" is not a Kubernetes workload`,
    );
  });
});
