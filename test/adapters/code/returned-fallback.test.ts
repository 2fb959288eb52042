import { treeFallbacks } from '../../helpers/tree-reads';

const fallbacksOf = treeFallbacks;

const computed = { kind: 'default' };
const none = { kind: 'none' };

describe('a read whose unset path returns another value', () => {
  test('Go: another variable returned is a default (computed), an error returned is none', async () => {
    const code = [
      'package main',
      '',
      'import (',
      '\t"errors"',
      '\t"os"',
      ')',
      '',
      'func port() string {',
      '\tif v := os.Getenv("APP_PORT"); v != "" {',
      '\t\treturn v',
      '\t}',
      '\treturn os.Getenv("PORT")',
      '}',
      '',
      'func token() (string, error) {',
      '\tif v := os.Getenv("TOKEN"); v != "" {',
      '\t\treturn v, nil',
      '\t}',
      '\treturn "", errors.New("TOKEN is required")',
      '}',
      '',
    ].join('\n');
    expect(await fallbacksOf({ 'main.go': code })).toEqual([
      ['APP_PORT', computed],
      ['PORT', none],
      ['TOKEN', none],
    ]);
  });

  test('Python: another read returned is a default (computed), a call that fails is none', async () => {
    const code = [
      'import os',
      '',
      'def port():',
      '    v = os.getenv("APP_PORT")',
      '    if v:',
      '        return v',
      '    return os.getenv("PORT", "8080")',
      '',
      'def region():',
      '    v = os.getenv("APP_REGION")',
      '    if v:',
      '        return v',
      '    return missing_setting("APP_REGION")',
      '',
    ].join('\n');
    expect(await fallbacksOf({ 'app.py': code })).toEqual([
      ['APP_PORT', computed],
      ['APP_REGION', none],
      ['PORT', { kind: 'default', value: '"8080"' }],
    ]);
  });
});
