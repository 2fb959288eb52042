// Run by test/infra/lambda-bundle.test.ts (jest cannot import an ES module file): bundles an S3 client
// as lib/lambda-bundle.mjs bundles the functions, and reads an S3 event stream (SelectObjectContent)
// with it from a server on 127.0.0.1. Prints JSON: the records read, and whether the client's config
// was made without the event stream code (the bundle loads it when a stream is first read).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_OPTIONS } from '../../../lib/lambda-bundle.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

const ENTRY = `
import { createServer } from 'node:http';
import { S3Client, SelectObjectContentCommand } from '@aws-sdk/client-s3';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const event = (type, body) =>
  codec.encode({
    headers: { ':message-type': { type: 'string', value: 'event' }, ':event-type': { type: 'string', value: type } },
    body: fromUtf8(body),
  });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.concat([event('Records', 'a,1\\n'), event('Records', 'b,2\\n'), event('End', '')]));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const client = new S3Client({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:' + server.address().port,
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
});
const before = client.config.eventStreamMarshaller === undefined;
const out = await client.send(
  new SelectObjectContentCommand({
    Bucket: 'b',
    Key: 'k.csv',
    Expression: 'select * from s3object',
    ExpressionType: 'SQL',
    InputSerialization: { CSV: {} },
    OutputSerialization: { CSV: {} },
  }),
);
const records = [];
for await (const e of out.Payload) if (e.Records) records.push(toUtf8(e.Records.Payload));
server.close();
process.stdout.write(JSON.stringify({ records, madeWithoutEventStreams: before }));
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-s3-events-'));
try {
  await build({
    ...BUNDLE_OPTIONS,
    stdin: { contents: ENTRY, resolveDir: root, loader: 'js' },
    entryNames: undefined,
    outdir: dir,
    logLevel: 'error',
  });
  await import(pathToFileURL(path.join(dir, 'stdin.mjs')).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
