import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const readsOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads.map((r) => [
    r.name,
    `${r.file}:${r.line}`,
    r.fallback,
  ]);

const KT = 'package app\nfun main() {}\n';

describe('a HOCON application.conf (Ktor, Akka, Play) reads the variables it substitutes', () => {
  test('${?X} overrides the value set before it (its default), ${X} is required; a path the file sets, a comment and a string are not variables', async () => {
    const conf = [
      'ktor {',
      '    deployment {',
      '        port = 8080',
      '        port = ${?PORT}',
      '        host = ${?HOST}',
      '    }',
      '    application.modules = [ app.ApplicationKt.module ]',
      '}',
      'db.url = ${DATABASE_URL}',
      'db.password = "CANARYhocon"',
      'db.password = ${?DB_AUTH}',
      'copy = ${ktor.deployment.port}',
      'base = ${db}',
      '# old = ${?OLD_VAR}',
      'note = "a ${?NOT_SUBSTITUTED} in quotes" // ${?NOR_THIS}',
      'api.url = "http://api:8080/v1" # a URL is not a comment',
      'api.url = ${?API_URL}',
      '"odd:key" = plain // a colon in a quoted key',
      '"odd:key" = ${?ODD_KEY}',
      '"other:key" = ${?OTHER_KEY}',
      '"db.password" = ${?QUOTED_DB_PASSWORD}',
    ].join('\n');
    expect(await readsOf({ 'src/main/kotlin/app/App.kt': KT, 'src/main/resources/application.conf': conf })).toEqual([
      ['API_URL', 'src/main/resources/application.conf:17', { kind: 'default', value: 'http://api:8080/v1' }],
      ['DATABASE_URL', 'src/main/resources/application.conf:9', { kind: 'none' }],
      ['DB_AUTH', 'src/main/resources/application.conf:11', { kind: 'default', secret: true }],
      ['HOST', 'src/main/resources/application.conf:5', { kind: 'default' }],
      ['ODD_KEY', 'src/main/resources/application.conf:19', { kind: 'default', value: 'plain' }],
      ['OTHER_KEY', 'src/main/resources/application.conf:20', { kind: 'default' }],
      ['PORT', 'src/main/resources/application.conf:4', { kind: 'default', value: '8080' }],
      ['QUOTED_DB_PASSWORD', 'src/main/resources/application.conf:21', { kind: 'default', secret: true }],
    ]);
  });
});
