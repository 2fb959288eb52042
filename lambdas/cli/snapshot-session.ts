import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { trustsEstatePaths } from '../adapters/estate-confinement';
import { loadEstate } from '../adapters/estate-file';
import { RecordedSourceCollector } from '../adapters/recorded/recorded-collector';
import { RecordingCollector } from '../adapters/recorded-writer/recording-collector';
import { writeSnapshotDir, writeSnapshotReadme } from '../adapters/recorded-writer/snapshot-writer';
import { sourceLabel } from '../core/estate/source-label';
import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import type { EnvironmentSnapshot, SourceSnapshot } from '../core/model';
import { collectEnvironment } from '../use-cases/snapshot-environment';
import { baselineSecretPolicy } from '../core/sources/context';
import { liveElsewhere, secretWhereverSecretInEstate } from '../use-cases/secrecy-elsewhere';
import { buildCliServices } from '../wiring/cli-services';
import { openExistingStore, stateDirOf } from '../wiring/open-store';
import { UsageError } from './io';

/** What a recording run did: the files written, the sources that failed, the keys that read back differently. */
export interface RecordOutcome {
  written: string[];
  failures: string[];
  differences: string[];
}

const identities = (s: SourceSnapshot): Map<string, string> => new Map(s.observations.map((o) => [o.key, JSON.stringify(o.value)]));

/** Reads the recording back through the recorded collector and names the keys whose values differ. */
async function verify(dir: string, snapshots: EnvironmentSnapshot[], fp: Fingerprinter): Promise<string[]> {
  const loaded = await loadEstate(path.join(dir, 'drift.yaml'));
  if (!loaded.ok) return [`drift.yaml: ${loaded.problems.map((p) => p.message).join('; ')}`];
  const reader = new RecordedSourceCollector({ baseDir: dir });
  const isSecretKey = baselineSecretPolicy(loaded.estate.baseline);
  const out: string[] = [];
  for (const env of loaded.estate.environments) {
    const original =
      snapshots.find((s) => s.environment === env.name)?.sources.filter((s) => s.errors.length === 0 || s.observations.length > 0) ?? [];
    for (const [i, spec] of env.sources.entries()) {
      const label = sourceLabel(spec);
      const back = await reader.collect(spec, label, { source: label, fp, isSecretKey });
      const before = original[i] ? identities(original[i] as SourceSnapshot) : new Map<string, string>();
      const after = identities(back);
      const keys = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
      if (keys.length) out.push(`${env.name}: ${label.label}: ${keys.join(', ')}`);
    }
  }
  return out;
}

/** Collects every source of the estate (or of `--env`) and writes it into `dir` as a recording. */
export async function recordSnapshot(
  estate: Estate,
  estateFile: string,
  dir: string,
  environments: string[] | undefined,
  env: NodeJS.ProcessEnv,
  /** `--store` or `--no-store` (false); the embedded store when not said. */
  store?: string | boolean,
): Promise<RecordOutcome> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw new UsageError(`${dir}: not empty; record into a new or empty folder`);
  // The live collector hands its inputs to the recorder that wraps it: bound once both exist.
  const late: { recorder?: RecordingCollector } = {};
  const services = await buildCliServices(estateFile, env, estate, { record: (e, l, i) => late.recorder?.keep(e, l, i) });
  const recorder = new RecordingCollector(services.collector, path.dirname(path.resolve(estateFile)), trustsEstatePaths(env));
  late.recorder = recorder;
  const picked = estate.environments.filter((e) => !environments || environments.includes(e.name));
  let snapshots: EnvironmentSnapshot[];
  // Read only, for what the environments not recorded hold as secrets (see secrecy-elsewhere).
  const kept = liveElsewhere(estate, environments) ? await openExistingStore(store, stateDirOf(estateFile)) : undefined;
  try {
    const each = await Promise.all(picked.map((e) => collectEnvironment(estate, e, recorder, services.fp)));
    // As an audit does: a key one environment holds as a secret is recorded as one in the others too, those not recorded included.
    ({ snapshots } = await secretWhereverSecretInEstate(each, {
      estate,
      collector: services.collector,
      fp: services.fp,
      store: kept?.store,
    }));
  } finally {
    services.close();
    await kept?.close();
  }
  const failures = snapshots.flatMap((s) =>
    s.sources.filter((x) => x.errors.length > 0).map((x) => `${s.environment}: ${x.source.label}: ${x.errors.join('; ')}`),
  );
  const rec = recorder;
  const contents = {
    estate,
    environments: picked.map((e) => e.name),
    // A source that failed and read nothing is left out; one that read part of its inputs is kept.
    recordingOf: (name: string, index: number) => {
      const s = snapshots.find((x) => x.environment === name)?.sources.find((x) => x.source.index === index);
      return !s || (s.errors.length > 0 && s.observations.length === 0) ? undefined : rec.recordingOf(name, index, s);
    },
    failures,
    keyId: services.fp.keyId,
  };
  const { written, losses } = await writeSnapshotDir(dir, contents);
  // Read back before README.txt is written, so that it can say what reads back differently.
  const differences = await verify(dir, snapshots, services.fp);
  written.push(await writeSnapshotReadme(dir, { failures, losses, differences }));
  return { written, failures, differences };
}
