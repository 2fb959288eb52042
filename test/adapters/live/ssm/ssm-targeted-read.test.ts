import {
  DescribeParametersCommand,
  GetParametersCommand,
  SSMClient,
  type Parameter,
  type ParameterStringFilter,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../../../lambdas/adapters/live/ssm/ssm-collector';
import type { Observation } from '../../../../lambdas/core/model';
import { withValue } from '../../../../lambdas/core/sources/observations';
import { testContext, testLabel } from '../../../helpers/context';

const CANARY = 'CANARY-s3cr3t-9a2b';
const PATH = '/production-us/checkout/';
const ALICE = 'arn:aws:iam::222222222222:user/alice';
const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
const mock = mockClient(client);
const noLimit = <T>(_f: string, call: () => Promise<T>) => call();
const ctx = () => testContext(testLabel('ssm'));
const name = (i: number) => `${PATH}setting_${String(i).padStart(3, '0')}`;

/** A Parameter Store of `n` parameters under PATH (the first a SecureString), served by filter as AWS does. */
function parameterStore(n: number) {
  const store = new Map<string, Parameter & { LastModifiedUser?: string }>();
  for (let i = 0; i < n; i++)
    store.set(name(i), {
      Name: name(i),
      Type: i === 0 ? 'SecureString' : 'String',
      Value: i === 0 ? CANARY : `${i}s`,
      Version: 1,
      LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
      LastModifiedUser: ALICE,
    });
  mock.on(DescribeParametersCommand).callsFake((input: { ParameterFilters: ParameterStringFilter[]; NextToken?: string }) => {
    const f = input.ParameterFilters[0]!;
    const all = [...store.values()].filter((p) => (f.Key === 'Path' ? p.Name!.startsWith(f.Values![0]!) : f.Values!.includes(p.Name!)));
    const start = Number(input.NextToken ?? 0);
    const page = all.slice(start, start + 50).map(({ Value: _v, ...m }) => m);
    return { Parameters: page, NextToken: start + 50 < all.length ? String(start + 50) : undefined };
  });
  mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.filter((x) => store.has(x)).map((x) => {
      const { LastModifiedUser: _u, ...p } = store.get(x)!;
      return p;
    }),
    InvalidParameters: input.Names.filter((x) => !store.has(x)),
  }));
  const change = (i: number, value: string, user: string) => {
    const p = store.get(name(i))!;
    store.set(name(i), {
      ...p,
      Value: value,
      Version: p.Version! + 1,
      LastModifiedDate: new Date('2026-11-24T02:00:00Z'),
      LastModifiedUser: user,
    });
  };
  /** A String parameter set by its full name (a new one at version 1, else its next version). */
  const put = (full: string, value: string) => {
    const version = (store.get(full)?.Version ?? 0) + 1;
    store.set(full, {
      Name: full,
      Type: 'String',
      Value: value,
      Version: version,
      LastModifiedDate: new Date(2026, 10, version),
      LastModifiedUser: ALICE,
    });
  };
  return { change, put, remove: (i: number) => store.delete(name(i)), drop: (full: string) => store.delete(full) };
}

const collect = (previous: Observation[] | undefined, only?: string[]) =>
  new SsmCollector({ ssm: client, limit: noLimit, now: () => new Date('2026-11-24T02:05:00Z') }).collect(
    PATH,
    ctx(),
    async () => previous,
    only,
  );

const callsOf = () => ({
  describe: mock.commandCalls(DescribeParametersCommand).map((c) => c.args[0].input.ParameterFilters),
  get: mock.commandCalls(GetParametersCommand).map((c) => c.args[0].input.Names),
});

beforeEach(() => mock.reset());

describe('live SSM collector: a targeted run reads only the parameters its events named', () => {
  test('2 named out of 40: one GetParameters, no path-wide DescribeParameters, and the observations of a full read after the same change', async () => {
    const ps = parameterStore(40);
    const nightly = await collect(undefined);
    ps.change(0, 'CANARY-rotated-4c1d', 'arn:aws:iam::222222222222:role/oncall');
    ps.change(7, '30s', 'arn:aws:iam::222222222222:role/oncall');
    mock.resetHistory();

    const targeted = await collect(nightly.observations, [name(0), name(7)]);
    expect(callsOf()).toEqual({
      describe: [[{ Key: 'Name', Option: 'Equals', Values: [name(0), name(7)] }]],
      get: [[name(0), name(7)]],
    });
    expect(targeted.calls).toEqual({ DescribeParameters: 1, GetParameters: 1 });

    const full = await collect(nightly.observations);
    expect(targeted.errors).toEqual([]);
    expect(targeted.observations).toEqual(full.observations);
    expect(targeted.observations.find((o) => o.origin.location === name(7))).toMatchObject({
      value: { kind: 'text', text: '30s' },
      origin: { version: 2, modifiedBy: 'arn:aws:iam::222222222222:role/oncall' },
    });
    // The secret stays fingerprinted, as in the full read.
    expect(JSON.stringify(targeted)).not.toContain('CANARY');
  });

  test('a named parameter that was deleted disappears; the others stand as stored', async () => {
    const ps = parameterStore(40);
    const nightly = await collect(undefined);
    ps.remove(12);
    mock.resetHistory();

    const targeted = await collect(nightly.observations, [name(12)]);
    expect(targeted.observations).toHaveLength(39);
    expect(targeted.observations.some((o) => o.origin.location === name(12))).toBe(false);
    expect(targeted.observations).toEqual((await collect(nightly.observations)).observations);
    expect(targeted.calls).toEqual({ DescribeParameters: 1, GetParameters: 0 });
  });

  test('GetParameters naming a parameter deleted since DescribeParameters: it is gone, not an error', async () => {
    const ps = parameterStore(20);
    const nightly = await collect(undefined);
    ps.change(3, 'new', ALICE);
    // Described, then deleted before the values call (InvalidParameters in the answer).
    mock.on(GetParametersCommand).resolves({ Parameters: [], InvalidParameters: [name(3)] });
    const targeted = await collect(nightly.observations, [name(3)]);
    expect(targeted.errors).toEqual([]);
    expect(targeted.observations.map((o) => o.origin.location)).not.toContain(name(3));
    expect(targeted.observations).toHaveLength(19);
  });

  test('no previous snapshot, or no named parameter under the path: the whole path is read', async () => {
    parameterStore(40);
    const first = await collect(undefined, [name(1)]);
    expect(callsOf().describe).toEqual([[{ Key: 'Path', Option: 'Recursive', Values: [PATH] }]]);
    expect(first.calls).toEqual({ DescribeParameters: 1, GetParameters: 4 });
    expect(first.observations).toHaveLength(40);

    mock.resetHistory();
    const elsewhere = await collect(first.observations, ['/staging/checkout/timeout']);
    expect(callsOf().describe).toEqual([[{ Key: 'Path', Option: 'Recursive', Values: [PATH] }]]);
    expect(elsewhere.observations).toEqual(first.observations);
  });

  test('a path declared without its slash names its folder only: a sibling folder sharing the prefix is not read by name', async () => {
    parameterStore(40);
    const bare = PATH.slice(0, -1);
    const read = (previous: Observation[] | undefined, only?: string[]) =>
      new SsmCollector({ ssm: client, limit: noLimit, now: () => new Date('2026-11-24T02:05:00Z') }).collect(
        bare,
        ctx(),
        async () => previous,
        only,
      );
    const first = await read(undefined);
    mock.resetHistory();
    const sibling = await read(first.observations, [`${bare}-old/timeout`]);
    // Not a name under the source: a full read of the folder, as with no named parameter (never a describe of that name).
    expect(callsOf().describe).toEqual([[{ Key: 'Path', Option: 'Recursive', Values: [bare] }]]);
    expect(sibling.observations).toEqual(first.observations);
  });

  test('a stored value that cannot stand (fingerprinted with another key) makes it a full read', async () => {
    parameterStore(12);
    const nightly = await collect(undefined);
    const oldKey = nightly.observations.map((o) => (o.value.kind === 'secret' ? withValue(o, { ...o.value, keyId: 'rotated-away' }) : o));
    mock.resetHistory();
    const r = await collect(oldKey, [name(5)]);
    expect(callsOf().describe).toEqual([[{ Key: 'Path', Option: 'Recursive', Values: [PATH] }]]);
    expect(r.observations).toEqual(nightly.observations);
  });

  test('a folder (ending in /, what a run is given for a name holding a credential): read whole, one gone from it is gone, the rest stands as stored', async () => {
    const ps = parameterStore(40);
    const folder = `${PATH}clients/`;
    ps.put(`${folder}a`, 'ci-bot');
    ps.put(`${folder}b`, 'deploy-bot');
    const nightly = await collect(undefined);
    ps.put(`${folder}a`, 'release-bot');
    ps.drop(`${folder}b`);
    mock.resetHistory();

    const targeted = await collect(nightly.observations, [folder]);
    expect(callsOf()).toEqual({ describe: [[{ Key: 'Path', Option: 'Recursive', Values: [folder] }]], get: [[`${folder}a`]] });
    expect(targeted.partial).toEqual({ locations: [`${folder}a`, `${folder}b`] });
    expect(targeted.observations).toEqual((await collect(nightly.observations)).observations);
    expect(targeted.observations.find((o) => o.origin.location === `${folder}a`)).toMatchObject({ value: { text: 'release-bot' } });
  });

  test('a folder above the path (a credential in a name there): the whole path is read', async () => {
    parameterStore(12);
    const nightly = await collect(undefined);
    mock.resetHistory();
    const r = await collect(nightly.observations, ['/production-us/']);
    expect(callsOf().describe).toEqual([[{ Key: 'Path', Option: 'Recursive', Values: [PATH] }]]);
    expect(r.partial).toBeUndefined();
  });
});
