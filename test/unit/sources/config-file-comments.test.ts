import { parseConfigText } from '../../../lambdas/core/sources/config-file';
import { SourceInputError } from '../../../lambdas/core/sources/errors';

// The EU configuration of the story: a JSON file with the reasons for its values written beside them.
const EU = `// EU region configuration
{
  "database": {
    "host": "db-eu-west.example.com",
    "port": 5432,
    "pool_size": 10,  // Different: was reduced during incident
    "timeout": 60,    /* Different: was increased
                         during incident */
  },
}
`;

describe('a .json configuration file with comments and trailing commas (JSONC, as .NET, VS Code and many loaders read it)', () => {
  it('is read: comments and trailing commas are skipped', () => {
    expect(parseConfigText(EU, 'config/eu.json')).toEqual({
      database: { host: 'db-eu-west.example.com', port: 5432, pool_size: 10, timeout: 60 },
    });
  });

  it('keeps what looks like a comment or a trailing comma inside a string', () => {
    const text = '{ "url": "https://x.example.com//a/*b*/", "list": "a, }", "q": "say \\"// no\\"", }';
    expect(parseConfigText(text, 'c.json')).toEqual({ url: 'https://x.example.com//a/*b*/', list: 'a, }', q: 'say "// no"' });
  });

  it('still names the line and column of what is not JSON, counted in the file as written', () => {
    const broken = '// a comment\n{\n  "a": 1, // one\n  "b": [2,\n}\n';
    expect(() => parseConfigText(broken, 'c.json')).toThrow(SourceInputError);
    expect(() => parseConfigText(broken, 'c.json')).toThrow(/^c\.json:5:1: invalid JSON/);
  });
});
