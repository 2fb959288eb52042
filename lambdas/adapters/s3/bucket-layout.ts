/**
 * Where things live in an installation's bucket: what `cdk deploy` seeds and grants, what
 * `drift publish` writes and what a run reads and writes. One place, for the stack and the code.
 */

/** Estate files and the files they read, one folder per estate: `estates/{estate}/drift.yaml`. */
export const ESTATES_PREFIX = 'estates/';

/**
 * Where `cdk deploy` stages the estate files it brings (CDK's BucketDeployment, pruned): the seeding
 * then copies each to `estates/` unless the bucket holds it already or a newer published version.
 * No function but the seeding reads it.
 */
export const SEED_PREFIX = 'seed/';

/** The object name of every estate file in its folder. */
export const ESTATE_FILE = 'drift.yaml';

/**
 * Why a baseline file kept apart (`rel`: its path from the estate file's folder) cannot go into the bucket as it is
 * named: every `drift.yaml` under `estates/` is taken for an estate file, so one in a subfolder would be read (and
 * fail) as an estate of its own every night.
 */
export const baselineNameProblem = (rel: string): string | undefined =>
  rel.split(/[\\/]/).pop() === ESTATE_FILE
    ? `the baseline file cannot be named ${ESTATE_FILE}: every ${ESTATE_FILE} in the installation's bucket is read as an estate file`
    : undefined;

/** Beside an estate file that declares `code:`: the scan of its code, uploaded by `drift publish` (no checkout on AWS). */
export const CODE_SCAN_FILE = 'code-scan.json';

/**
 * The object metadata (`x-amz-meta-drift-source-time`) `drift publish` and `cdk deploy` stamp each estate
 * object with: when its text was last changed in git (else on disk), ISO 8601. A deploy never replaces
 * an object stamped later than its own file, so a deploy from an older checkout leaves a newer publish be.
 */
export const SOURCE_TIME_METADATA = 'drift-source-time';

/** How the deploy's seeding treats `estates/`: the estate file is written after the files it names; the code scans stay. */
export const SEEDING_RULES = { estateFile: ESTATE_FILE, alwaysKept: [CODE_SCAN_FILE] } as const;

/** A run's intermediate snapshots and reports: `runs/{runId}/…`, expired after the retention. */
export const RUNS_PREFIX = 'runs/';

/**
 * The two folders of a run: `runs/{runId}/snapshots/…` (written by snapshot-target, read by audit-run)
 * and `runs/{runId}/reports/…` (written by audit-run, read by notify-run). Each function is granted only its own.
 */
export const RUN_SNAPSHOTS = 'snapshots/';
export const RUN_REPORTS = 'reports/';
/** The run's page, `runs/{runId}/report.html` (written by notify-run once every estate is audited). */
export const RUN_PAGE = 'report.html';

/**
 * The HTML report of one estate in one run, `runs/{runId}/reports/{estate}.html`, beside its JSON
 * audit document: a run audits every estate, each in its own invocation, so one object per estate
 * (the Slack digest links to it). Segments are URI-encoded, as every run key is.
 */
export const reportHtmlKey = (runId: string, estate: string): string =>
  `${RUNS_PREFIX}${encodeURIComponent(runId)}/${RUN_REPORTS}${encodeURIComponent(estate)}.html`;

/** The JSON audit document of one estate in one run, `runs/{runId}/reports/{estate}.json`. */
export const reportJsonKey = (runId: string, estate: string): string =>
  `${RUNS_PREFIX}${encodeURIComponent(runId)}/${RUN_REPORTS}${encodeURIComponent(estate)}.json`;

/** The run's page: its one estate's HTML report, or an index of its estates' reports. */
export const runPageKey = (runId: string): string => `${RUNS_PREFIX}${encodeURIComponent(runId)}/${RUN_PAGE}`;

/** An estate's report as the run's page links it, relative to the run's folder. */
export const reportHref = (estate: string): string => `${RUN_REPORTS}${encodeURIComponent(estate)}.html`;
