import { sourceLabel, sourceSlot } from '../core/estate/source-label';
import type { EnvironmentSpec, Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import { boundErrors } from '../core/sources/bounded-errors';
import type { EnvironmentSnapshot, SourceSnapshot } from '../core/model';
import { baselineJsonKeys, baselineSecretPolicy } from '../core/sources/context';
import { secretKeyNamesHidden } from '../core/engine/secret-key-names';
import { withProfileDisagreements } from '../core/engine/profile-disagreements';
import type { Interner } from '../core/sources/interner';
import { secretReferencedParameters, secretWhereverSecret } from '../core/engine/secret-references';
import type { CollectHint, SourceCollector } from '../ports/source-collector';

/**
 * Collects every source of one environment; a source that fails becomes its errors (bounded, so one
 * file of a million bad lines is one short finding), the others go on. `intern` shares keys and
 * values with the other environments of the same audit. `hint`: what a targeted run's events named.
 */
export async function snapshotEnvironment(...args: Parameters<typeof collectEnvironment>): Promise<EnvironmentSnapshot> {
  const [estate, , , fp] = args;
  const snapshot = await collectEnvironment(...args);
  // A key one source holds as a secret is one in the others too: fingerprinted before anything keeps it.
  return secretWhereverSecret([snapshot], fp, baselineSecretPolicy(estate.baseline))[0] as EnvironmentSnapshot;
}

/**
 * snapshotEnvironment without making secret what another source holds as one: for a caller that
 * does that across every environment it collected (which covers each one's own sources), as a
 * second pass over a million observations costs a tenth of a second.
 */
export async function collectEnvironment(
  estate: Estate,
  env: EnvironmentSpec,
  collector: SourceCollector,
  fp: Fingerprinter,
  intern?: Interner,
  hint?: CollectHint,
): Promise<EnvironmentSnapshot> {
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  const jsonKeys = baselineJsonKeys(estate.baseline);
  const sources = await Promise.all(
    env.sources.map(async (spec): Promise<SourceSnapshot> => {
      const label = sourceLabel(spec);
      try {
        const collected = await collector.collect(
          spec,
          label,
          {
            source: label,
            fp,
            isSecretKey,
            intern: intern?.forSource(sourceSlot(label)),
            ...(jsonKeys ? { jsonKeys } : {}),
            environment: env,
          },
          env,
          hint,
        );
        return { ...collected, errors: boundErrors(collected.errors) };
      } catch (err) {
        // A collector should not throw; if one does, the run still goes on and says so.
        return { source: label, observations: [], dangling: [], errors: [`unexpected failure (${(err as Error).name})`] };
      }
    }),
  );
  // What an ECS secret names is secret, even a plain String parameter: fingerprinted before anything keeps it.
  // A credential written as a key's name is hidden after that, as references name parameters as written.
  // A file read with its default profile where the environment runs another says so (see withProfileDisagreements).
  const read = withProfileDisagreements({ environment: env.name, sources });
  return secretKeyNamesHidden(secretReferencedParameters(read, fp), fp, intern?.nameVerdicts);
}
