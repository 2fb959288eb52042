import { treeFallbacks } from '../../helpers/tree-reads';

const fallbacks = treeFallbacks;

describe('a command-line option named as a secret has a secret default, whatever its variable is called', () => {
  test("urfave/cli's flag Name, click's option names and typer's parameter", async () => {
    const go = [
      'package main',
      'var flags = []cli.Flag{',
      '\t&cli.StringFlag{Name: "db-password", Value: "CANARYflag", EnvVars: []string{"DB_AUTH"}},',
      '\t&cli.StringFlag{Name: "addr", Value: ":8080", EnvVars: []string{"ADDR"}},',
      '}',
    ].join('\n');
    const py = [
      'import click, typer',
      "@click.option('--api-token', envvar='UPSTREAM', default='CANARYclick')",
      "@click.option('--host', envvar='HOST', default='0.0.0.0')",
      'def main(api_token, host):',
      '    pass',
      "def serve(signing_secret: str = typer.Option('CANARYtyper', envvar='SIGNER')):",
      '    pass',
    ].join('\n');
    expect(await fallbacks({ 'cmd/main.go': go, 'cli.py': py })).toEqual([
      ['ADDR', { kind: 'default', value: '":8080"' }],
      ['DB_AUTH', { kind: 'default', secret: true }],
      ['HOST', { kind: 'default', value: "'0.0.0.0'" }],
      ['SIGNER', { kind: 'default', secret: true }],
      ['UPSTREAM', { kind: 'default', secret: true }],
    ]);
  });
});

describe('a pydantic settings field named as a secret, read through an alias', () => {
  test('has a secret default, whatever the alias calls its variable', async () => {
    const py = [
      'from pydantic import AliasChoices, Field',
      'from pydantic_settings import BaseSettings',
      'class Settings(BaseSettings):',
      "    db_password: str = Field('CANARYalias', validation_alias=AliasChoices('DB_AUTH', 'PGPASS_ALT'))",
      "    host: str = Field('localhost', alias='DB_HOST')",
    ].join('\n');
    expect(await fallbacks({ 'settings.py': py })).toEqual([
      ['DB_AUTH', { kind: 'default', secret: true }],
      ['DB_HOST', { kind: 'default', value: "'localhost'" }],
      ['PGPASS_ALT', { kind: 'default', secret: true }],
    ]);
  });
});
