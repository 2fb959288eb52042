import { Command, CommanderError, Option } from 'commander';
import { auditCommand } from './commands/audit';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { historyCommand } from './commands/history';
import { publishCommand } from './commands/publish';
import { snapshotCommand } from './commands/snapshot';
import { validateCommand } from './commands/validate';
import { TRUST_ESTATE_PATHS_ENV } from '../adapters/estate-confinement';
import { ESTATES_PREFIX } from '../adapters/s3/bucket-layout';
import { isUserFacing } from '../core/errors';
import { EXIT, type CliIo } from './io';
import {
  asOfOption,
  configOption,
  envOption,
  failOnNewOption,
  failOnOption,
  FORMATS,
  formatOption,
  noStoreOption,
  outputOption,
  storeOption,
  trustPathsOption,
} from './options';

/** The options of the commands that read an estate and maybe its store: -c, --format, --store, --no-store. */
const estateOptions = (cmd: Command): Command =>
  cmd
    .addOption(configOption())
    .addOption(formatOption(FORMATS.estate))
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption());

/** Builds the `drift` program; each action stores its exit code in `exit`. */
function program(io: CliIo, now: () => Date, exit: { code: number }): Command {
  const p = new Command('drift')
    .description('Configuration-drift auditor: what each environment really runs, against the baseline and each other')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
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
    .addOption(new Option('--run-id <id>', 'an id for this run: running the same id again changes nothing'))
    .option(
      '--notify',
      'send the Slack digest now (DRIFT_SLACK_WEBHOOK_URL) and, with --store dynamodb:TABLE, SNS lifecycle events (DRIFT_SNS_TOPIC_ARN)',
    )
    .addOption(asOfOption())
    .addOption(storeOption())
    .addOption(noStoreOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      exit.code = await auditCommand(opts, io, now);
    });

  p.command('validate')
    .description('check the estate file without touching anything')
    .addOption(configOption())
    .addOption(formatOption(FORMATS.estate))
    .addOption(trustPathsOption())
    .action(async (opts) => {
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
    exit.code = await explainCommand(env, key, opts, io, now);
  });

  estateOptions(
    p
      .command('history')
      .description('the value of KEY in ENV over time, with who and when where the platform says')
      .argument('<env>', 'an environment')
      .argument('<key>', 'a key, in any spelling'),
  ).action(async (env, key, opts) => {
    exit.code = await historyCommand(env, key, opts, io);
  });

  p.command('snapshot')
    .description('save what the sources returned, in the recorded formats (secrets as fingerprints), with a drift.yaml that reads them')
    .requiredOption('--record <dir>', 'the folder to write (new or empty)')
    .addOption(configOption())
    .addOption(envOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      exit.code = await snapshotCommand(opts, io);
    });
  p.command('publish')
    .description("validate the estate file, then upload it (and its baseline file) to the installation's bucket")
    .requiredOption('--bucket <name>', "the installation's bucket (stack output BucketName)")
    .option('--prefix <prefix>', 'the key prefix estates live under', ESTATES_PREFIX)
    .addOption(configOption())
    .addOption(trustPathsOption())
    .action(async (opts) => {
      exit.code = await publishCommand(opts, io);
    });
  return p;
}

/** Runs the CLI and returns the exit code; never calls process.exit, so tests can run it in-process. */
export async function main(argv: string[], io?: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const streams: CliIo = io ?? { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  const exit = { code: EXIT.ok as number };
  try {
    await program(streams, now, exit).parseAsync(argv);
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
      streams.stderr.write(`drift: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
