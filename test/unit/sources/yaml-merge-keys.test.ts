import { configFileBytesObservations, parseConfigText } from '../../../lambdas/core/sources/config-file';
import { parseManifestText } from '../../../lambdas/core/sources/k8s-manifest';
import { fastYamlDocuments } from '../../../lambdas/core/sources/yaml-fast';
import { testContext } from '../../helpers/context';

// Rails' config/database.yml, as `rails new` writes it.
const DATABASE_YML = `default: &default
  adapter: postgresql
  pool: 5
development:
  <<: *default
  database: app_development
production:
  <<: *default
  pool: 20
`;

describe('YAML merge keys (<<), as Rails, docker-compose and Kubernetes read them', () => {
  test("a config file's merged mapping gives its keys to the merging one, which overrides them", () => {
    const r = configFileBytesObservations(Buffer.from(DATABASE_YML), 'config/database.yml', testContext());
    const keys = Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind]));
    expect(keys).toEqual({
      'default.adapter': 'postgresql',
      'default.pool': '5',
      'development.adapter': 'postgresql',
      'development.pool': '5',
      'development.database': 'app_development',
      'production.adapter': 'postgresql',
      'production.pool': '20',
    });
    expect(Object.keys(keys).some((k) => k.includes('<<'))).toBe(false);
  });

  test('a list of merged mappings: the earlier one wins, the own keys over both', () => {
    expect(parseConfigText('a: &a { x: 1, y: 1 }\nb: &b { x: 2, z: 2 }\nc:\n  <<: [*a, *b]\n  y: 3\n', 'c.yml')).toMatchObject({
      c: { x: 1, y: 3, z: 2 },
    });
  });

  test('the fast reader leaves a merge key to the package, whatever its value', () => {
    expect(fastYamlDocuments('a:\n  <<: {b: 1}\n  c: 2\n')).toBeUndefined();
    expect(fastYamlDocuments('<<: 1\n')).toBeUndefined();
    // A quoted "<<" is a key like any other.
    expect(parseConfigText('"<<": 1\n', 'c.yml')).toEqual({ '<<': 1 });
  });

  test('a merge of something other than a mapping is a clear error that quotes nothing', () => {
    expect(() => parseConfigText('a:\n  <<: s3cr3t-CANARY\n', 'c.yml')).toThrow(
      /^c\.yml: a YAML merge key \(<<\) names something other than a mapping$/,
    );
  });

  test('a manifest merges too (a ConfigMap built from a shared anchor)', () => {
    const [first, second] = parseManifestText(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: base }\ndata: &shared\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: api }\ndata:\n  <<: { LOG_LEVEL: info, TIMEOUT: "30" }\n  TIMEOUT: "60"\n',
      'm.yaml',
    ) as { data: Record<string, string> }[];
    expect(first?.data).toEqual({ LOG_LEVEL: 'info' });
    expect(second?.data).toEqual({ LOG_LEVEL: 'info', TIMEOUT: '60' });
  });
});

describe('aliases in config files', () => {
  test('hundreds of entries may merge one anchor', () => {
    const flags = Array.from({ length: 300 }, (_, i) => `flag${i}:\n  <<: *flag\n  owner: team${i}\n`).join('');
    const doc = parseConfigText(`defaults: &flag\n  enabled: false\n  rollout: 0\n${flags}`, 'flags.yml') as Record<string, unknown>;
    expect(doc.flag299).toEqual({ enabled: false, rollout: 0, owner: 'team299' });
  });

  test('a billion laughs is still refused', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
      .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
      .join('\n');
    expect(() => parseConfigText(laughs, 'bomb.yml')).toThrow(/too many YAML aliases/);
  });
});
