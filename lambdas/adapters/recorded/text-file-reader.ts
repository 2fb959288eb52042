import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { asUtf8 } from '../utf16-text';

const MIB = 1024 * 1024;

/**
 * Reads whole files as UTF-8 text through a buffer it keeps and reuses. On a big estate fresh memory
 * is what reading costs (every new page is a fault), and `readFile(…, 'utf8')` also builds the text
 * from chunks that must be joined again before parsing. Reads are synchronous: recorded inputs are
 * local files read one after another, and a thousand small ones spent more in the round trips of
 * asynchronous calls (and the garbage of their handles) than in reading.
 */
export class TextFileReader {
  /** The buffer to reuse; none while a read holds it. */
  private idle: Buffer | undefined;

  /** The file's text; a UTF-8 byte-order mark is kept, invalid UTF-8 becomes U+FFFD, as with readFile; UTF-16 with its mark is decoded. */
  read(abs: string): string {
    return this.withBytes(abs, (bytes) => bytes.toString('utf8'));
  }

  /**
   * Hands the file's bytes to `use`, which must not keep them: the buffer is reused once it returns.
   * A file in UTF-16 with its byte-order mark is handed over as UTF-8, as the readers take text.
   */
  withBytes<T>(abs: string, use: (bytes: Buffer) => T): T {
    const fd = openSync(abs, 'r');
    try {
      const info = fstatSync(fd);
      const size = info.size;
      // A regular file that reads short at its size has ended (a pipe or a /proc file may read short before).
      const endsAtSize = info.isFile() && size > 0;
      let buf = this.take(size + 1);
      try {
        let length = 0;
        // Read to the end, not to the size: a file may change while it is read (or report size 0).
        for (;;) {
          if (length === buf.length) buf = grow(buf, length);
          const wanted = buf.length - length;
          const bytesRead = readSync(fd, buf, length, wanted, null);
          length += bytesRead;
          if (bytesRead === 0 || (endsAtSize && bytesRead < wanted && length >= size)) break;
        }
        return use(asUtf8(buf.subarray(0, length)));
      } finally {
        this.idle = buf;
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The idle buffer when it holds `size` bytes, else a new one (`use` may read another file meanwhile). */
  private take(size: number): Buffer {
    const idle = this.idle;
    this.idle = undefined;
    if (idle && idle.length >= size) return idle;
    // Whole MiB, so files of similar sizes share a buffer; allocUnsafeSlow, as the pool would not help.
    return Buffer.allocUnsafeSlow(Math.ceil(size / MIB) * MIB);
  }
}

function grow(buf: Buffer, used: number): Buffer {
  const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
  buf.copy(bigger, 0, 0, used);
  return bigger;
}
