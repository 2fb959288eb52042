import { declaredSource, sourceLabel } from '../../../lambdas/core/estate/source-label';
import { describeSource } from '../../../lambdas/core/describe-source';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import { answeringKind } from '../../../lambdas/core/source-kinds/references';
import { SOURCE_FILE_FORMS } from '../../../lambdas/core/source-kinds/file-forms';
import { SOURCE_KINDS, SOURCE_TYPES } from '../../../lambdas/core/source-kinds/registry';

describe('the registry of source kinds', () => {
  test('files each kind under its own name', () => {
    for (const type of SOURCE_TYPES) expect(SOURCE_KINDS[type].type).toBe(type);
  });

  test('has one kind answering each kind of reference', () => {
    const answered = SOURCE_TYPES.flatMap((t) => {
      const refs = SOURCE_KINDS[t].references;
      return refs ? [refs.kind] : [];
    });
    expect(new Set(answered).size).toBe(answered.length);
    expect(answeringKind('ssm-parameter')).toBe('ssm');
    expect(answeringKind('other')).toBeUndefined();
  });

  test('a kind says it reads ConfigMaps and Secrets exactly where its file form places their objects', () => {
    const readsObjects = SOURCE_TYPES.filter((t) => SOURCE_KINDS[t].readsObjects);
    expect(readsObjects).toEqual(SOURCE_TYPES.filter((t) => (SOURCE_FILE_FORMS[t] as { objectsPlace?: unknown }).objectsPlace));
    expect([...readsObjects].sort()).toEqual(['eks', 'k8s']);
  });

  test('a recorded kind reads `from:`, and its schema takes it', () => {
    for (const type of SOURCE_TYPES.filter((t) => SOURCE_FILE_FORMS[t].recorded)) {
      const shape = (
        SOURCE_KINDS[type].schema as unknown as { _zod: { def: { shape?: object; in?: { _zod: { def: { shape: object } } } } } }
      )._zod.def;
      expect(Object.keys(shape.shape ?? shape.in?._zod.def.shape ?? {})).toContain('from');
    }
  });

  test.each<[SourceSpec, string]>([
    [{ type: 'file', index: 0, from: ['config/a.yml', 'config/b.json'] }, 'file config/a.yml, config/b.json'],
    [{ type: 'dotenv', index: 0, from: ['env/prod.env'] }, 'dotenv env/prod.env'],
    [{ type: 'ssm', index: 0, path: '/prod/api/' }, 'ssm /prod/api/'],
    [{ type: 'ssm', index: 0, path: '/prod/api/', from: ['exports/prod.json'] }, 'ssm /prod/api/ (recorded exports/prod.json)'],
    [{ type: 'ecs', index: 0, cluster: 'prod', service: 'api' }, 'ecs prod/api'],
    [{ type: 'ecs', index: 0, from: ['ecs/prod'] }, 'ecs (recorded ecs/prod)'],
    [{ type: 'eks', index: 0, cluster: 'prod', namespace: 'shop', workload: 'api' }, 'eks prod shop/api'],
    [{ type: 'k8s', index: 0, from: ['manifests'], workload: 'api' }, 'k8s manifests api'],
  ])('labels %j as people see it', (spec, label) => {
    expect(sourceLabel(spec).label).toBe(label);
  });

  // A failed or stale source is a finding's source: its type is named once (it said `file file a.json`).
  test.each<[SourceSpec, string]>([
    [{ type: 'file', index: 0, from: ['a.json'] }, 'file a.json'],
    [{ type: 'ssm', index: 1, path: '/prod/api/', from: ['prod.json'] }, 'ssm /prod/api/ (recorded prod.json)'],
    [{ type: 'ecs', index: 2, cluster: 'prod', service: 'api' }, 'ecs prod/api'],
  ])('describes the declared source %j as %s', (spec, described) => {
    expect(describeSource(declaredSource(sourceLabel(spec)))).toBe(described);
  });
});
