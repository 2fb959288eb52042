import { ssmRecording } from '../../recordings/ssm-recording';
import { ssmRevert } from '../../revert/ssm-revert';
import type { Observation } from '../../model';
import { emptyResult } from '../../sources/result';
import { ssmFileObservations } from '../../sources/ssm-file';
import { truncatedExport } from '../../sources/ssm-export';
import { latestParameterVersions } from '../../sources/ssm-versions';
import { append, attempt } from '../attempt';
import { defineFileForm } from './file-form';

/** Whether a name is listed twice in a row (one parameter's history): names the interner shares compare by reference. */
function repeatsANameInARow(observations: readonly Observation[]): boolean {
  for (let i = 1; i < observations.length; i++)
    if ((observations[i] as Observation).rawKey === (observations[i - 1] as Observation).rawKey) return true;
  return false;
}

/** `ssm`'s file form: `get-parameters-by-path` exports read and recorded, and its revert plan. */
export const ssmFiles = defineFileForm<'ssm'>({
  recorded: {
    // Exports are parsed from their bytes as each is read: a big one is then read in place.
    reader: (spec, ctx) => {
      const out = emptyResult();
      // Errors keep the order of the other sources: unparsable inputs, then keys.
      const parseErrors: string[] = [];
      const keyErrors: string[] = [];
      let parameters = 0;
      // Files ending with a NextToken, and whether any file is a last page of the path: the pages of one listing, each saved
      // to a file of the folder, end with one that has none. Only where no file does were parameters left unrecorded (a
      // missing middle page cannot be told: a page does not say which token it was asked with).
      const truncated: string[] = [];
      let lastPage = false;
      let files = 0;
      return {
        input: 'bytes',
        add(file, bytes) {
          files++;
          const part = attempt(file, parseErrors, () =>
            ssmFileObservations(bytes, file, spec.path, ctx, { decrypted: spec.decrypt ?? true }),
          );
          if (!part) return;
          if (out.observations.length === 0) out.observations = part.observations;
          else append(out.observations, part.observations);
          append(keyErrors, part.errors);
          parameters += part.parameters;
          if (part.truncated) truncated.push(file);
          // A last page of this path's listing (an empty one too): another path's whole export in the same folder is none.
          else if (part.parameters === 0 || part.observations.length > 0) lastPage = true;
        },
        finish() {
          append(out.errors, parseErrors);
          append(out.errors, keyErrors);
          if (!lastPage) for (const file of truncated) out.errors.push(truncatedExport(file));
          // Several files may list a parameter at several versions (an export beside get-parameter-history's), and one
          // file of get-parameter-history lists a name on line after line; a get-parameters-by-path export lists each name
          // once, and a table of its 100,000 names cost a big audit 4%.
          if (files > 1 || repeatsANameInARow(out.observations)) out.observations = latestParameterVersions(out.observations);
          // A recording of another path would otherwise look like every parameter was deleted.
          if (parameters > 0 && out.observations.length === 0 && keyErrors.length === 0) {
            out.errors.push(`the recorded export holds ${parameters} parameter(s), none under ${spec.path}`);
          }
          return out;
        },
      };
    },
  },
  // A get-parameters-by-path export.
  recording: {
    readsFiles: false,
    prepare: (spec) => (final) => ({ type: 'ssm', recording: ssmRecording(final, spec.path, spec.decrypt ?? true) }),
  },
  revert: ssmRevert,
});
