import { yamlPackage } from '../on-demand/yaml-package';

// A Go template action where YAML expects a value or a line (`name: {{ template "x.fullname" . }}`, `{{- with … }}`,
// `- {{ .Values.x }}`): a chart's templates/ before `helm template` renders them. In a quoted or plain string that
// starts with text (`summary: "{{ $labels.instance }} down"`, Prometheus rules in a ConfigMap) it is text, and stays so.
const ACTION = /^([ \t]*(?:-[ \t]+)?(?:[^\s#'"{-][^#'"\n]*?:[ \t]+)?)\{\{/gm;

/** Where the first template action of a manifest's text is (1-based), if it has one where YAML would take it for structure. */
export function helmTemplateAt(text: string): { line: number; column: number } | undefined {
  if (!text.includes('{{')) return undefined;
  const m = new RegExp(ACTION).exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  return { line, column: (m[1] as string).length + 1 };
}

export const HELM_TEMPLATE = 'a Helm template ({{ … }}), not a manifest: render the chart (helm template) and read its output';

/** Whether a document has a mapping or list as a key (`{{ x }}` as a value is a flow mapping whose key is one). */
export function hasCollectionKey(doc: Parameters<ReturnType<typeof yamlPackage>['visit']>[0]): boolean {
  const yaml = yamlPackage();
  let found = false;
  yaml.visit(doc, {
    Pair(_, pair) {
      if (!yaml.isCollection(pair.key)) return undefined;
      found = true;
      return yaml.visit.BREAK;
    },
  });
  return found;
}

export const TEMPLATE_NOT_CONFIG =
  'a template ({{ … }}), not a configuration file: render it (helm template, or whatever fills it in) and read its output';
