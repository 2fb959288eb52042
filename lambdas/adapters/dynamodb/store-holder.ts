import { readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { writeFileAtOnce } from '../replace-file';

/** Who holds an embedded store: LevelDB's lock says only that someone does. */
export interface StoreHolder {
  /** What it runs: `drift audit`. */
  command: string;
  pid: number;
  host: string;
  /** When it opened the store (ISO). */
  since: string;
}

// Beside the LevelDB folder, not in it: the engine's files stay the engine's.
const holderFile = (dir: string): string => `${dir}.holder.json`;

/** Records this process as the store's holder (owner-only); advisory: a record that cannot be written is left out. */
export function writeHolder(dir: string, command: string, now: Date): void {
  const holder: StoreHolder = { command, pid: process.pid, host: os.hostname(), since: now.toISOString() };
  try {
    writeFileAtOnce(holderFile(dir), `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  } catch {
    // Waiting processes then say only that the store is in use.
  }
}

/** Removes the record if it is still this process's. */
export function clearHolder(dir: string): void {
  if (readHolderFile(dir)?.pid === process.pid) rmSync(holderFile(dir), { force: true });
}

function readHolderFile(dir: string): StoreHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(holderFile(dir), 'utf8')) as Partial<StoreHolder>;
    const ok = typeof h.command === 'string' && Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.since === 'string';
    return ok ? (h as StoreHolder) : undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: there, but another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The recorded holder, when it is a process that still runs (on another host it cannot be told: taken as said). */
export function currentHolder(dir: string): StoreHolder | undefined {
  const h = readHolderFile(dir);
  if (!h) return undefined;
  return h.host !== os.hostname() || alive(h.pid) ? h : undefined;
}

/** `drift audit, pid 4242, since 2026-12-05T23:31:02Z` (with the host when it is another). */
export function describeHolder(h: StoreHolder): string {
  const host = h.host !== os.hostname() ? ` on ${h.host}` : '';
  return `${h.command}, pid ${h.pid}${host}, since ${h.since.replace(/\.\d{3}Z$/, 'Z')}`;
}
