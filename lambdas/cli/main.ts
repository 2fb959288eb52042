import { Command, CommanderError, Option } from 'commander';
// drift's own (the bundle keeps this one field): npm_package_version names the package whose npm script runs drift.
import { version as DRIFT_VERSION } from '../../package.json';
import { TRUST_ESTATE_PATHS_ENV } from '../adapters/estate-confinement';
import { ESTATES_PREFIX } from '../adapters/s3/bucket-layout';
import { isUserFacing } from '../core/errors';
import { EXIT, EstateFileError, type CliIo } from './io';
import { endOnWriteFailure } from './output-failure';
import {
  asOfOption,
  configOption,
  envOption,
  failOnNewOption,
  failOnOption,
  FORMATS,
  formatOption,
  noHistoryOption,
  noStoreOption,
  outputOption,
  pathValue,
  reportOption,
  storeOption,
  trustPathsOption,
} from './options';

/** A repeatable option's values, in order. */
const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** The options of the commands that read an estate and maybe its store: -c, --format, --store, --no-store. */
const estateOptions = (cmd: Command): Command =>
  cmd
    .addOption(configOption())
    .addOption(formatOption(FORMATS.estate))
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption());

/**
 * Builds the `drift` program; each action stores its exit code in `exit`. Each action imports its
 * command when it runs (the build splits them into chunks): `--help`, `--version` and a usage error
 * load commander and the options only, and a command never pays for another's SDK clients, store or renderers.
 */
function program(io: CliIo, now: () => Date, exit: { code: number }, errors: string[]): Command {
  const p = new Command('drift')
    .description('Configuration-drift auditor: what each environment really runs, against the baseline and each other')
    .version(DRIFT_VERSION)
    .exitOverride()
    // commander's errors quote what was given: written once the credentials in them are hidden (see main).
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => errors.push(s) })
    .showSuggestionAfterError(true);
  // The flag and the variable are one setting: what reads paths asks the environment.
  p.hook('preAction', (_program, action) => {
    if (action.opts().trustEstatePaths) io.env = { ...io.env, [TRUST_ESTATE_PATHS_ENV]: '1' };
  });

  p.command('audit')
    .description('collect, compare and report findings')
    .addOption(configOption())
    .addOption(formatOption(FORMATS.audit))
    .addOption(envOption())
    .addOption(failOnOption())
    .addOption(failOnNewOption())
    .addOption(outputOption())
    .addOption(reportOption())
    .addOption(new Option('--run-id <id>', 'an id for this run: running the same id again changes nothing'))
    .option(
      '--notify',
      'send the Slack digest now (DRIFT_SLACK_WEBHOOK_URL) and, with --store dynamodb:TABLE, SNS lifecycle events (DRIFT_SNS_TOPIC_ARN); a failed delivery is exit 4 where the audit would exit 0',
    )
    .addOption(asOfOption())
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      const { auditCommand } = await import('./commands/audit');
      exit.code = await auditCommand(opts, io, now);
    });

  p.command('validate')
    .description('check the estate file without touching anything')
    .addOption(configOption())
    .addOption(formatOption(FORMATS.estate))
    .addOption(noHistoryOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      const { validateCommand } = await import('./commands/validate');
      exit.code = await validateCommand(opts, io);
    });

  estateOptions(
    p
      .command('diff')
      .description('two environments side by side, with where each value comes from')
      .argument('<a>', 'an environment')
      .argument('<b>', 'another environment')
      .option('--only-diff', 'show only keys that differ')
      .addOption(asOfOption()),
  ).action(async (a, b, opts) => {
    const { diffCommand } = await import('./commands/diff');
    exit.code = await diffCommand(a, b, opts, io, now);
  });

  estateOptions(
    p
      .command('explain')
      .description('every source that sets KEY in ENV, in precedence order, which one wins, and the findings on it')
      .argument('<env>', 'an environment')
      .argument('<key>', 'a key, in any spelling (DB_TIMEOUT, db.timeout)')
      .addOption(asOfOption()),
  ).action(async (env, key, opts) => {
    const { explainCommand } = await import('./commands/explain');
    exit.code = await explainCommand(env, key, opts, io, now);
  });

  estateOptions(
    p
      .command('history')
      .description('the value of KEY in ENV over time, with who and when where the platform says')
      .argument('<env>', 'an environment')
      .argument('<key>', 'a key, in any spelling'),
  ).action(async (env, key, opts) => {
    const { historyCommand } = await import('./commands/history');
    exit.code = await historyCommand(env, key, opts, io);
  });

  p.command('init')
    .description('write a first baseline from what the environments run today (and parity groups, when none are declared)')
    .addOption(configOption())
    .option('--dry-run', 'print what would be written; change nothing')
    .option('--discover', 'instead, list what could go in `environments` from live AWS (caller credentials), as a drift.yaml skeleton')
    .option('--region <region>', 'with --discover: the region to look in (default: AWS_REGION)')
    .option('--ssm-path <path>', 'with --discover: SSM parameters under this path')
    .option('--ecs-cluster <name>', 'with --discover: the services of this ECS cluster')
    .option('--eks-cluster <name>', 'with --discover: the Deployments of an EKS cluster (see --namespace)')
    .option('--namespace <ns>', 'with --eks-cluster: the namespace (default: default)')
    .addOption(noHistoryOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      const { initCommand } = await import('./commands/init');
      exit.code = await initCommand(opts, io, now);
    });

  estateOptions(
    p
      .command('revert')
      .description('print the commands that bring each KEY in ENV back to the baseline, in the source that wins; runs nothing')
      .argument('<env>', 'an environment')
      .argument('<keys...>', 'keys, in any spelling (DB_TIMEOUT, db.timeout, a full SSM name)')
      .option('--despite-exception', 'also plan keys whose drift a live exception excuses (named first in their plan)'),
  ).action(async (env, keys, opts) => {
    const { revertCommand } = await import('./commands/revert');
    exit.code = await revertCommand(env, keys, opts, io, now);
  });

  p.command('adopt')
    .description('after an emergency fix: write what ENV runs now into the baseline, keeping every other line of the file')
    .argument('<env>', 'the environment whose running values become the expected ones')
    .argument('[keys...]', 'keys, in any spelling (DB_TIMEOUT, db.timeout, a full SSM name)')
    .addOption(configOption())
    .option('--everywhere', "write the key's value for every environment, not only ENV's")
    .option('--as <kind>', 'exception: write an exception instead of an expected value (with --reason, --ticket, --expires or --permanent)')
    .option('--reason <text>', 'why the exception exists (with --as exception)')
    .option('--ticket <id>', 'the ticket that tracks it (with --as exception)')
    .option('--expires <date>', 'the last day it excuses the drift, YYYY-MM-DD (with --as exception)')
    .option('--permanent', 'an accepted difference that never expires (with --as exception)')
    .option('--force', "adopt a value outside the key's own min, max or enum, widening them to admit it")
    .option('--dry-run', 'print the unified diff of the file; change nothing')
    .option('--commit', 'commit the change on a new branch drift/adopt-<env>-<key>-<date>, ready for a pull request')
    .option('--all-changed', 'also adopt every key of ENV that the stored history shows changed away from its expected value')
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption())
    .action(async (env, keys, opts) => {
      const { adoptCommand } = await import('./commands/adopt');
      exit.code = await adoptCommand(env, keys, opts, io, now);
    });

  const tickets = p.command('tickets').description('the ticket subscriber: one GitHub issue or Jira ticket per finding episode');
  tickets
    .command('sync')
    .description('open the tickets owed to open findings and close those whose finding resolved (for switching tickets on)')
    .addOption(configOption())
    .addOption(formatOption(FORMATS.estate))
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption())
    .option('--dry-run', 'print what would be opened and closed; change nothing')
    .option(
      '--tracker <tracker>',
      'github:OWNER/REPO or jira:https://SITE.atlassian.net/PROJECT (default: DRIFT_TICKETS); the token in DRIFT_TICKETS_TOKEN',
    )
    .action(async (opts) => {
      const { ticketsSyncCommand } = await import('./commands/tickets');
      exit.code = await ticketsSyncCommand(opts, io, now);
    });

  // One group for the code commands (`scan`, `check`): add a command to it with `code.command(…)`.
  const code = p.command('code').description('what the code reads, against what each environment sets');
  code
    .command('scan')
    .description('list the configuration keys a source tree reads: file and line, the default it falls back to, and how it reads')
    .argument('<path>', 'the source tree')
    .addOption(formatOption(FORMATS.estate))
    .option('--exclude <glob>', 'leave out files or folders matching GLOB (repeat for several)', collect)
    .option('--include-tests', "read tests and test runners' settings too (left out by default: they run with a test's environment)")
    .option('-c, --config <file>', 'an estate file: defaults of the keys its baseline makes secret are not shown either', pathValue)
    .addOption(noHistoryOption())
    .addOption(trustPathsOption())
    .action(async (target, opts) => {
      const { codeScanCommand } = await import('./commands/code-scan');
      exit.code = await codeScanCommand(target, opts, io);
    });
  estateOptions(
    code
      .command('check')
      .description('the deploy gate: exit 1 when the code reads a key ENV does not set and has no default for it')
      // Each one kept, so that naming two is said (the command checks one), not narrowed to the last.
      .requiredOption('--env <name>', 'the environment about to be deployed to', (v: string, prev?: string[]) => [...(prev ?? []), v]),
  ).action(async (opts) => {
    const { codeCheckCommand } = await import('./commands/code-check');
    exit.code = await codeCheckCommand(opts, io, now);
  });

  p.command('snapshot')
    .description('save what the sources returned, in the recorded formats (secrets as fingerprints), with a drift.yaml that reads them')
    .requiredOption('--record <dir>', 'the folder to write (new or empty)', pathValue)
    .addOption(configOption())
    .addOption(envOption())
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      const { snapshotCommand } = await import('./commands/snapshot');
      exit.code = await snapshotCommand(opts, io);
    });
  p.command('publish')
    .description("validate the estate file, then upload it (and its baseline file) to the installation's bucket")
    .requiredOption('--bucket <name>', "the installation's bucket (stack output BucketName)")
    .option('--prefix <prefix>', 'the key prefix estates live under', ESTATES_PREFIX)
    .addOption(configOption())
    .addOption(noHistoryOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      const { publishCommand } = await import('./commands/publish');
      exit.code = await publishCommand(opts, io);
    });
  return p;
}

/**
 * The process's streams, each made when first used: Node.js builds process.stderr on first access (a pipe
 * or a terminal loads a module or two), and most runs never write to it.
 */
const processIo = (): CliIo => ({
  get stdout() {
    return endOnWriteFailure(process.stdout, 'the standard output', () => process.stderr);
  },
  get stderr() {
    return endOnWriteFailure(process.stderr, 'the standard error', () => process.stderr);
  },
  env: process.env,
  cwd: process.cwd(),
});

/** Runs the CLI and returns the exit code; never calls process.exit, so tests can run it in-process. */
export async function main(argv: string[], io?: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const streams: CliIo = io ?? processIo();
  const exit = { code: EXIT.ok as number };
  const errors: string[] = [];
  try {
    await program(streams, now, exit, errors).parseAsync(argv);
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    // An error of the user's making says its message (its class flags it: a bad flag, estate or --store, a locked store);
    // anything else goes on, with its stack.
    if (isUserFacing(err)) {
      errors.push(err instanceof EstateFileError ? `${err.message}\n` : `drift: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  } finally {
    if (errors.length) await writeErrors(streams, errors);
  }
}

/** The error messages, a word holding a credential in them hidden; the rules load only when there is one to write. */
async function writeErrors(io: CliIo, errors: readonly string[]): Promise<void> {
  const { credentialsHidden } = await import('./credentials-hidden');
  for (const text of errors) io.stderr.write(credentialsHidden(text));
}
