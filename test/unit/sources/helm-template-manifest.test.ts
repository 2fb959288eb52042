import { parseManifestText } from '../../../lambdas/core/sources/k8s-manifest';
import { SourceInputError } from '../../../lambdas/core/sources/errors';

// A chart's templates/ read as manifests, before `helm template` renders them (argocd-example-apps' helm-guestbook is such a folder).
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ template "guestbook.fullname" . }}
  labels:
    app: {{ template "guestbook.name" . }}
spec:
  type: {{ .Values.service.type }}
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ template "guestbook.fullname" . }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          {{- with .Values.resources }}
          resources:
{{ toYaml . | indent 12 }}
          {{- end }}
`;

describe('a Helm template read as a manifest', () => {
  test('is refused at its position, saying it is a template to render first, not which YAML rule it broke', () => {
    for (const [file, text, line] of [
      ['templates/service.yaml', SERVICE, 4],
      ['templates/deployment.yaml', DEPLOYMENT, 4],
    ] as const) {
      let error: unknown;
      try {
        parseManifestText(text, file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SourceInputError);
      expect((error as Error).message).toBe(
        `${file}:${line}:9: a Helm template ({{ … }}), not a manifest: render the chart (helm template) and read its output`,
      );
    }
  });

  test('prints no warning of the YAML library on the way', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(() => parseManifestText(SERVICE, 'templates/service.yaml')).toThrow(SourceInputError);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('a template whose only actions are values (replicas: {{ .Values.replicaCount }}) is refused too', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicaCount }}\n';
    expect(() => parseManifestText(text, 'templates/web.yaml')).toThrow(
      'templates/web.yaml:6:13: a Helm template ({{ … }}), not a manifest: render the chart (helm template) and read its output',
    );
  });

  test('{{ … }} in strings (Prometheus rules in a ConfigMap) is text: the manifest reads as it is', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  summary: "Instance {{ $labels.instance }} down"\n' +
      '  plain: Instance {{ $labels.instance }} down\n  alert.tmpl: |\n    {{ define "slack.title" }}{{ .Status }}{{ end }}\n';
    const [doc] = parseManifestText(text, 'rules.yaml') as Array<{ data: Record<string, string> }>;
    expect(doc?.data.summary).toBe('Instance {{ $labels.instance }} down');
    expect(doc?.data['alert.tmpl']).toBe('{{ define "slack.title" }}{{ .Status }}{{ end }}\n');
  });
});
