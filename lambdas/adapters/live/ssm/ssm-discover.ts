import { DescribeParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { DiscoveredSource } from '../../../core/init/discovered';
import type { Discovery } from '../discovery';
import { unlimited } from '../limit';
import { eachPage } from '../paging';

/** `/a/b` and `a/b/` alike as `/a/b/`. */
const asFolder = (path: string): string => `/${path.replace(/^\/+|(?<!\/)\/+$/g, '')}/`.replace(/^\/\/$/, '/');

/** The deepest folder every name shares, no shallower than `floor`. */
function commonFolder(names: readonly string[], floor: string): string {
  let folder = names[0]!.slice(0, names[0]!.lastIndexOf('/') + 1);
  for (const n of names) while (!n.startsWith(folder)) folder = folder.slice(0, folder.lastIndexOf('/', folder.length - 2) + 1);
  return folder.length < floor.length ? floor : folder;
}

/**
 * Groups parameter names by the first folder under `prefix` (`/staging/…`, `/production-us/…`):
 * each is proposed as an environment, its source the deepest folder its parameters share.
 */
export function parameterGroups(prefix: string, params: ReadonlyArray<{ name: string; secure: boolean }>): DiscoveredSource[] {
  const root = asFolder(prefix);
  const groups = new Map<string, Array<{ name: string; secure: boolean }>>();
  for (const p of params) {
    const rest = p.name.startsWith(root) ? p.name.slice(root.length) : p.name;
    const slash = rest.indexOf('/');
    const head = slash > 0 ? rest.slice(0, slash) : '';
    const list = groups.get(head) ?? [];
    list.push(p);
    groups.set(head, list);
  }
  return [...groups].map(([head, list]): DiscoveredSource => {
    const secure = list.filter((p) => p.secure).length;
    const note = `${list.length} parameter${list.length === 1 ? '' : 's'}${secure ? ` (${secure} SecureString)` : ''}`;
    // Beside environment folders, a source for these would read the prefix recursively: every environment's parameters.
    if (!head && groups.size > 1)
      return {
        environment: '',
        type: 'ssm',
        fields: {},
        note: `${note} directly under ${root}`,
        leftOut: "an ssm source reads its path recursively, so one there would read every environment's parameters",
      };
    const path = commonFolder(
      list.map((p) => p.name),
      head ? `${root}${head}/` : root,
    );
    const environment = head || root.split('/').filter(Boolean).pop() || 'default';
    return {
      environment,
      type: 'ssm',
      fields: { path },
      note,
    };
  });
}

/** `ssm`: the parameters under `--ssm-path`, by DescribeParameters with a recursive path filter (names only). */
export const ssmDiscovery: Discovery<{ ssm: SSMClient }, object> = {
  async discover(scope, clients, _deps, limit = unlimited) {
    const prefix = asFolder(scope.ssmPath as string);
    const params: Array<{ name: string; secure: boolean }> = [];
    await eachPage(
      (NextToken) =>
        limit('ssm', () =>
          clients.ssm.send(
            new DescribeParametersCommand({
              ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [prefix] }],
              MaxResults: 50,
              NextToken,
            }),
          ),
        ),
      (page) => page.NextToken,
      (page) => {
        for (const p of page.Parameters ?? []) if (p.Name) params.push({ name: p.Name, secure: p.Type === 'SecureString' });
      },
    );
    return parameterGroups(
      prefix,
      params.sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  },
};
