import { Readable } from 'node:stream';
import { readBody, readBodyText } from '../../lambdas/adapters/object-body';

const stream = (...chunks: Array<string | Buffer>): Readable => Readable.from(chunks);
const sdkBlob = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes });

describe('an S3 object body', () => {
  test("is read whole, from a stream of bytes or strings, or from the SDK's byte array", async () => {
    expect(await readBody(stream(Buffer.from('ab'), 'cd'))).toEqual(Buffer.from('abcd'));
    expect(await readBody(sdkBlob(Uint8Array.from([1, 2, 3])))).toEqual(Buffer.from([1, 2, 3]));
    expect(await readBody(undefined)).toEqual(Buffer.alloc(0));
  });

  test('within a limit, is refused by its declared length before any is read', async () => {
    const body = stream('never read');
    expect(await readBody(body, { maxBytes: 4, contentLength: 5 })).toBeUndefined();
    expect(body.destroyed).toBe(true);
    expect(await readBody(stream('four'), { maxBytes: 4, contentLength: 4 })).toEqual(Buffer.from('four'));
  });

  test('within a limit, stops reading once the stream passes it', async () => {
    const pulled: number[] = [];
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 10; i++) {
          pulled.push(i);
          yield Buffer.alloc(3, 'x');
        }
      })(),
    );
    expect(await readBody(body, { maxBytes: 5 })).toBeUndefined();
    expect(pulled.length).toBeLessThan(10);
    expect(await readBody(sdkBlob(new Uint8Array(6)), { maxBytes: 5 })).toBeUndefined();
  });

  test('as text, says why there is none without quoting it', async () => {
    const max = 1024 * 1024;
    expect(await readBodyText(stream('A=1\n'), { maxBytes: max })).toEqual({ text: 'A=1\n' });
    expect(await readBodyText(stream(Buffer.alloc(max + 1)), { maxBytes: max })).toEqual({ problem: 'larger than 1 MiB' });
    expect(await readBodyText(stream(Buffer.from([0x41, 0xff])), { maxBytes: max })).toEqual({ problem: 'not UTF-8 text' });
  });
});
