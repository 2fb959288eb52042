import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const scanOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads;

const PROGRAM = `class Program {
  static void Main(IConfiguration configuration) {
    var mode = configuration["Api:Mode"];
    var raw = Environment.GetEnvironmentVariable("Api__Mode");
    var dev = configuration["Api:DevOnly"];
  }
}
`;

describe(".NET's appsettings.json as the defaults of IConfiguration reads", () => {
  test('appsettings.Production.json wins over appsettings.json; Development is no default; a raw variable read takes none', async () => {
    const reads = await scanOf({
      'Api/Program.cs': PROGRAM,
      'Api/appsettings.json': '{ "Api": { "Mode": "fast", /* the usual */ } }',
      'Api/appsettings.Production.json': '{ "Api": { "Mode": "safe" } }',
      'Api/appsettings.Development.json': '{ "Api": { "DevOnly": "yes" } }',
    });
    expect(reads.map((r) => [r.name, r.fallback])).toEqual([
      ['Api:DevOnly', { kind: 'none' }],
      ['Api:Mode', { kind: 'default', value: 'safe' }],
      ['Api__Mode', { kind: 'none' }],
    ]);
  });

  test("a library's read takes its hosts' value where they agree, a default of no shown value where they differ", async () => {
    const reads = await scanOf({
      'Lib/Extensions.cs':
        'static class Extensions {\n  static void Use(IConfiguration configuration) {\n    var a = configuration["Shared:Same"];\n    var b = configuration["Shared:Own"];\n    var c = configuration["Shared:Nowhere"];\n  }\n}\n',
      'Basket/appsettings.json': '{ "Shared": { "Same": "1", "Own": "basket" } }',
      'Ordering/appsettings.json': '{ "Shared": { "Same": "1", "Own": "orders" } }',
    });
    expect(reads.map((r) => [r.name, r.fallback])).toEqual([
      ['Shared:Nowhere', { kind: 'none' }],
      ['Shared:Own', { kind: 'default' }],
      ['Shared:Same', { kind: 'default', value: '1' }],
    ]);
  });
});
