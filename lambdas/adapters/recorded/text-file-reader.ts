import { open } from 'node:fs/promises';

const MIB = 1024 * 1024;

/**
 * Reads whole files as UTF-8 text through buffers it keeps and reuses. On a big estate fresh memory
 * is what reading costs (every new page is a fault), and `readFile(…, 'utf8')` also builds the text
 * from chunks that must be joined again before parsing.
 */
export class TextFileReader {
  /** Idle buffers: at most one per read that was in flight at once. */
  private readonly idle: Buffer[] = [];

  /** The file's text; a byte-order mark is kept, invalid UTF-8 becomes U+FFFD, as with readFile. */
  read(abs: string): Promise<string> {
    return this.withBytes(abs, (bytes) => bytes.toString('utf8'));
  }

  /** Hands the file's bytes to `use`, which must not keep them: the buffer is reused once it returns. */
  async withBytes<T>(abs: string, use: (bytes: Buffer) => T): Promise<T> {
    const handle = await open(abs, 'r');
    try {
      const info = await handle.stat();
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
          const { bytesRead } = await handle.read(buf, length, wanted, null);
          length += bytesRead;
          if (bytesRead === 0 || (endsAtSize && bytesRead < wanted && length >= size)) break;
        }
        return use(buf.subarray(0, length));
      } finally {
        this.idle.push(buf);
      }
    } finally {
      await handle.close();
    }
  }

  /** The smallest idle buffer of at least `size` bytes, else a new one in place of the largest too-small one. */
  private take(size: number): Buffer {
    let best = -1;
    let largest = -1;
    for (let i = 0; i < this.idle.length; i++) {
      const len = (this.idle[i] as Buffer).length;
      if (len >= size && (best < 0 || len < (this.idle[best] as Buffer).length)) best = i;
      if (largest < 0 || len > (this.idle[largest] as Buffer).length) largest = i;
    }
    if (best >= 0) return this.idle.splice(best, 1)[0] as Buffer;
    if (largest >= 0) this.idle.splice(largest, 1);
    // Whole MiB, so files of similar sizes share a buffer; allocUnsafeSlow, as the pool would not help.
    return Buffer.allocUnsafeSlow(Math.ceil(size / MIB) * MIB);
  }
}

function grow(buf: Buffer, used: number): Buffer {
  const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
  buf.copy(bigger, 0, 0, used);
  return bigger;
}
