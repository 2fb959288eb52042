import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import { testContext, testLabel } from '../../helpers/context';

// Discord guild and channel IDs (snowflakes) are 18-19 digits, past what a double holds exactly.
const read = (file: string, text: string): Record<string, string> =>
  Object.fromEntries(
    configFileBytesObservations(new TextEncoder().encode(text), file, testContext(testLabel('file'))).observations.map((o) => [
      o.key,
      o.value.kind === 'text' ? o.value.text : `<${o.value.kind}>`,
    ]),
  );

describe('integers past 2^53 in configuration files are read as written', () => {
  const ids = { 'source.guild.id': '995627275074666568', 'target.guild.id': '995627275074666569', port: '8080' };

  it.each([
    ['block YAML (the fast reader)', 'a.yml', 'source_guild_id: 995627275074666568\ntarget_guild_id: 995627275074666569\nport: 8080\n'],
    [
      'YAML the package reads (a merge key)',
      'b.yml',
      'base: &b\n  port: 8080\nsource_guild_id: 995627275074666568\ntarget_guild_id: 995627275074666569\nport: 8080\n',
    ],
    ['JSON read from its bytes', 'c.json', '{"source_guild_id": 995627275074666568, "target_guild_id": 995627275074666569, "port": 8080}'],
  ])('%s: two IDs one apart stay two values', (_n, file, text) => {
    expect(read(file, text)).toMatchObject(ids);
  });

  it('keeps what a double does hold as before: 0x1F is 31, 1.10 is 1.1, 1e3 is 1000', () => {
    expect(read('d.yml', 'hex: 0x1F\nv: 1.10\ne: 1e3\nneg: -9007199254740993\n')).toEqual({
      hex: '31',
      v: '1.1',
      e: '1000',
      neg: '-9007199254740993',
    });
  });
});
