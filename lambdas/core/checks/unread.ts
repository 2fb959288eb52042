import { isReadByCode, keyCodeRead } from '../code/key-code-read';
import { openReadsOf, openReadSummary } from '../code/open-reads';
import { isFlagIn } from '../flags/flag-keys';
import { isRuntimeKey } from '../keys';
import type { Finding } from '../model';
import { entrySource, type Check } from './check-context';
import { layersOf } from '../engine/effective-config';

/**
 * `unread`: the environment sets a key no code of `code:` reads and no platform or `code.ignore`
 * glob covers: dead configuration. Not judged while a tree could not be read (a read may be missing),
 * nor for a key of a source whose service the code reads through its API (CodeAudit.apiReads), nor for one
 * whose name starts as a name the code makes as it runs (`FEATURE_${f}`: CodeAudit.openReads). Code that
 * takes the whole environment may read any key: the finding says so, and is no proof the key can go.
 */
export const unreadCheck: Check = {
  id: 'unread',
  run(ctx) {
    const { code } = ctx;
    if (!code || code.failed.length > 0) return [];
    const out: Finding[] = [];
    // A skipped file may hold the read: the finding says so, and is no proof the key can go.
    const unscanned = unscannedNote(code.unscanned);
    for (const config of ctx.configs) {
      for (const [key, entry] of config.entries) {
        if (isRuntimeKey(key) || code.filter.platform(key)) continue;
        const layers = layersOf(config, key);
        // Read through its service's API (`get_parameters_by_path`) or by a name made as it runs counts too.
        if (isReadByCode(keyCodeRead(code, key, () => layers.map((o) => o.origin.source.type)))) continue;
        // Taken into another value (`CART_ADDR=cart:${CART_PORT}`): the environment itself reads it.
        if (layers.some((o) => o.expandedInto)) continue;
        const open = openReadsOf(code.openReads, key).maybe;
        const maybe = open && !unscanned ? `; ${openReadSummary(open)}, and this is no proof it can go` : '';
        const spec = ctx.spec(key);
        const proof =
          unscanned ||
          maybe ||
          (spec?.retired
            ? `: it was retired on ${spec.retired}, and this is the proof it can go`
            : isFlagIn(key, spec, config)
              ? ': the proof the flag can go (remove it from every environment)'
              : '');
        out.push(
          ctx.make({
            kind: 'unread',
            environment: config.environment,
            key,
            subject: key,
            source: entrySource(config, entry),
            owner: spec?.owner,
            message: `${key} is set in ${config.environment} but no code ${unscanned ? 'scanned ' : ''}reads it${maybe ? ' by name' : ''}${proof}`,
          }),
        );
      }
    }
    return out;
  },
};

function unscannedNote(unscanned: readonly { file: string; reason: string }[]): string {
  const [first] = unscanned;
  if (!first) return '';
  const n = unscanned.length;
  const which = n === 1 ? '1 file was' : `${n} files were`;
  const example = `${n === 1 ? '' : 'e.g. '}${first.file}: ${first.reason}`;
  return `; ${which} not scanned (${example}), and a read there would not be seen`;
}
