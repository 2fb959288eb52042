import { csharp } from '../../../../lambdas/adapters/code/languages/csharp';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { canonicalKey } from '../../../../lambdas/core/keys';
import { scratch } from '../../../helpers/cli';
import { fallback, none, readsOf, type SnippetRead } from '../../../helpers/code-snippet';

const SMTP = [
  'public class SmtpOptions',
  '{',
  '    public string Host { get; set; } = "localhost";',
  '    public int Port { get; set; }',
  '    public const string Section = "Mail:Smtp";',
  '    [Required]',
  '    public string User { get; set; } = "";',
  '    public TlsOptions Tls { get; set; } = new();',
  '    public List<string> Relays { get; set; } = new();',
  '    public Dictionary<string, string> Headers { get; set; } = new();',
  '    public string Computed => Host + Port;',
  '    public string Internal { get; private set; } = "x";',
  '}',
].join('\n');
const TLS = 'public class TlsOptions\n{\n    public bool Enabled { get; init; } = true;\n    public required string Cert { get; set; }\n}';

/** The reads of SmtpOptions (other0) and TlsOptions (other1) bound at `Smtp`, as `via` binds them. */
const smtp = (via: string, section = 'Smtp'): SnippetRead[] => [
  { name: `${section}:Host`, line: 3, via, fallback: fallback('"localhost"'), file: 'other0' },
  { name: `${section}:Port`, line: 4, via, fallback: fallback(), file: 'other0' },
  { name: `${section}:User`, line: 7, via, fallback: none, file: 'other0' },
  { name: `${section}:Tls:Enabled`, line: 3, via, fallback: fallback('true'), file: 'other1' },
  { name: `${section}:Tls:Cert`, line: 4, via, fallback: none, file: 'other1' },
];

describe('the C# reader: options classes bound to a section', () => {
  it.each<[string, string, SnippetRead[]]>([
    [
      'Configure<T>(GetSection)',
      'builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));',
      smtp('Configure<SmtpOptions>'),
    ],
    [
      'named options: Configure<T>("name", section)',
      'services.Configure<SmtpOptions>("backup", configuration.GetSection("Mail:Backup"));',
      smtp('Configure<SmtpOptions>', 'Mail:Backup'),
    ],
    [
      'AddOptions<T>().Bind(section) with validation',
      'services.AddOptions<SmtpOptions>()\n  .Bind(config.GetSection("Smtp"))\n  .ValidateDataAnnotations()\n  .ValidateOnStart();',
      smtp('Bind<SmtpOptions>'),
    ],
    [
      'AddOptions<T>().BindConfiguration("A")',
      'services.AddOptions<SmtpOptions>().BindConfiguration("Smtp");',
      smtp('BindConfiguration<SmtpOptions>'),
    ],
    ['section.Get<T>()', 'var smtp = config.GetSection("Smtp").Get<SmtpOptions>();', smtp('Get<SmtpOptions>')],
    ['section.Bind(obj)', 'var smtp = new SmtpOptions();\nconfiguration.GetSection("Smtp").Bind(smtp);', smtp('Bind<SmtpOptions>')],
    ['config.Bind("A", new T())', 'configuration.Bind("Smtp", new SmtpOptions());', smtp('Bind<SmtpOptions>')],
    [
      "a section named by the class's constant",
      'services.Configure<SmtpOptions>(config.GetSection(SmtpOptions.Section));',
      smtp('Configure<SmtpOptions>', 'Mail:Smtp'),
    ],
    [
      'a section named by nameof(T)',
      'services.Configure<SmtpOptions>(config.GetSection(nameof(SmtpOptions)));',
      smtp('Configure<SmtpOptions>', 'SmtpOptions'),
    ],
    [
      'a section held in a variable',
      'var smtpSection = builder.Configuration.GetSection("Smtp");\nbuilder.Services.Configure<SmtpOptions>(smtpSection);',
      smtp('Configure<SmtpOptions>'),
    ],
    ['Configure<T>(o => …) binds nothing', 'services.Configure<SmtpOptions>(o => o.Port = 25);', []],
    [
      'a class no file declares lists no key (its section is read by names the scan cannot list: open-reads.test.ts)',
      'services.Configure<KestrelServerOptions>(config.GetSection("Kestrel"));',
      [],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(csharp, '.cs', source, [SMTP, TLS])).toEqual(expected);
  });

  it('a class in the same file, bound at the root, is read at its properties', async () => {
    const source =
      'var s = builder.Configuration.Get<AppSettings>();\nclass AppSettings\n{\n    public string Region { get; set; } = "eu-west-1";\n}';
    expect(await readsOf(csharp, '.cs', source)).toEqual([
      { name: 'Region', line: 4, via: 'Get<AppSettings>', fallback: fallback('"eu-west-1"') },
    ]);
  });

  it("a class's base classes' properties are read under its section too", async () => {
    const base = 'public abstract class EndpointOptions\n{\n    public string Url { get; set; } = "http://localhost";\n}';
    const derived = 'public class PaymentsOptions : EndpointOptions, IValidatableObject\n{\n    public int Retries { get; set; } = 3;\n}';
    const reads = await readsOf(csharp, '.cs', 'services.Configure<PaymentsOptions>(config.GetSection("Payments"));', [derived, base]);
    expect(reads.map((r) => [r.name, r.file, r.line, r.fallback])).toEqual([
      ['Payments:Retries', 'other0', 3, fallback('3')],
      ['Payments:Url', 'other1', 3, fallback('"http://localhost"')],
    ]);
  });

  it('a class that holds itself is followed once', async () => {
    const node = 'public class Node { public Node Next { get; set; } public string Name { get; set; } = "n"; }';
    const reads = await readsOf(csharp, '.cs', 'services.Configure<Node>(config.GetSection("Tree"));', [node]);
    expect(reads.map((r) => r.name)).toEqual(['Tree:Name']);
  });

  it('scans a service whose Program.cs binds options classes declared in their own files', async () => {
    const root = scratch({
      'src/Mailer/Program.cs': [
        'var builder = WebApplication.CreateBuilder(args);',
        'builder.Services.AddOptions<SmtpOptions>()',
        '    .Bind(builder.Configuration.GetSection(SmtpOptions.Section))',
        '    .ValidateDataAnnotations();',
        'builder.Services.AddOptions<SmtpOptions>().BindConfiguration("Smtp").ValidateOnStart();',
        'var smtp = builder.Configuration.GetSection("Smtp").Get<SmtpOptions>();',
        'var app = builder.Build();',
        'app.Run();',
      ].join('\n'),
      'src/Mailer/Options/SmtpOptions.cs': [
        'using System.ComponentModel.DataAnnotations;',
        'namespace Mailer.Options;',
        '',
        'public sealed class SmtpOptions',
        '{',
        '    public const string Section = "Smtp";',
        '    public string Host { get; set; } = "localhost";',
        '    public int Port { get; set; } = 25;',
        '    [Required, MinLength(1)]',
        '    public string User { get; set; } = string.Empty;',
        '    public TlsOptions Tls { get; set; } = new();',
        '}',
      ].join('\n'),
      'src/Mailer/Options/TlsOptions.cs':
        'namespace Mailer.Options;\n\npublic sealed class TlsOptions\n{\n    public bool Enabled { get; set; }\n}\n',
      // Another service's class of the same name is not the one Mailer binds.
      'src/Billing/SmtpOptions.cs': 'public class SmtpOptions { public string Relay { get; set; } }\n',
    });
    const scan = await new TreeSitterCodeReader([csharp]).scan({ path: root, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.key, r.file, r.line, r.fallback])).toEqual([
      ['Smtp:Host', canonicalKey('Smtp__Host'), 'src/Mailer/Options/SmtpOptions.cs', 7, { kind: 'default', value: '"localhost"' }],
      ['Smtp:Port', canonicalKey('Smtp__Port'), 'src/Mailer/Options/SmtpOptions.cs', 8, { kind: 'default', value: '25' }],
      ['Smtp:Tls:Enabled', canonicalKey('Smtp__Tls__Enabled'), 'src/Mailer/Options/TlsOptions.cs', 5, { kind: 'default' }],
      ['Smtp:User', canonicalKey('Smtp__User'), 'src/Mailer/Options/SmtpOptions.cs', 10, { kind: 'none' }],
    ]);
  });
});
