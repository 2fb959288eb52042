import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext } from '../../helpers/context';

// A YAML configuration file still holding template actions (a chart's config template, a `.yaml.tpl` pointed at by
// mistake) was read as data: `port: {{ .Values.port }}` became the key `port.{ .values.port }` with an empty value, so
// the audit said `port` was missing or undeclared instead of saying the file is a template. A Kubernetes source already
// refused such a manifest; a file source now says so too, where the first action is, and is judged as a failed source.
const ctx = testContext();
const TEMPLATE = 'a template ({{ … }}), not a configuration file: render it (helm template, or whatever fills it in) and read its output';

const read = (text: string, file = 'c/app.yaml'): SourceParseResult =>
  configFileBytesObservations(new TextEncoder().encode(text), file, ctx);
const values = (r: SourceParseResult): Record<string, string> =>
  Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind]));

describe('a YAML configuration file with template actions left in', () => {
  test('a value that is an action: a positioned error, no keys read from it', () => {
    const r = read('log:\n  level: info\nport: {{ .Values.port }}\n');
    expect(r.errors).toEqual([`c/app.yaml:3:7: ${TEMPLATE}`]);
    expect(r.observations).toEqual([]);
  });

  test('a line that is an action (`{{- if … }}`): the same error, at the action', () => {
    const r = read('{{- if .Values.tls }}\ntls: true\n{{- end }}\n');
    expect(r.errors).toEqual([`c/app.yaml:1:1: ${TEMPLATE}`]);
  });

  test('`{{` in a block scalar, a quoted string or after text is text, and the file is read as before', () => {
    const text = 'alert:\n  body: |\n    {{ .Labels.instance }} is down\n  summary: "{{ $labels.job }}"\n  title: Host {{ .Name }}\n';
    const r = read(text);
    expect(r.errors).toEqual([]);
    expect(values(r)).toEqual({
      'alert.body': '{{ .Labels.instance }} is down\n',
      'alert.summary': '{{ $labels.job }}',
      'alert.title': 'Host {{ .Name }}',
    });
  });

  test('a JSON file is JSON: a string holding `{{` is its value', () => {
    expect(values(read('{"greeting": "{{ name }}"}', 'c/app.json'))).toEqual({ greeting: '{{ name }}' });
  });
});
