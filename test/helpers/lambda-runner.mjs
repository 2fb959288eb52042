// Runs one bundled handler in its own process, as the Lambda runtime does: imports index.mjs from the
// bundle's folder, calls handler(event, context) and prints `RESULT <json>` or `ERROR <json>` on stdout.
const [dir, eventJson] = process.argv.slice(2);
const started = Date.now();
const { handler } = await import(`${dir}/index.mjs`);
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'drift',
  functionVersion: '$LATEST',
  awsRequestId: `req-${process.pid}`,
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 600_000 - (Date.now() - started),
};
try {
  process.stdout.write(`RESULT ${JSON.stringify(await handler(JSON.parse(eventJson), context))}\n`);
} catch (err) {
  process.stdout.write(`ERROR ${JSON.stringify({ name: err?.name, message: err?.message })}\n`);
  process.exitCode = 1;
}
