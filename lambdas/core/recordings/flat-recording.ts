import type { SourceSnapshot } from '../model';
import { dotenvText, lastByRawKey, recordedText, type SourceRecording } from './recorded-text';

/** A `file` source as one JSON file of its keys (flat, as read), secrets as markers. */
export function fileRecording(snapshot: SourceSnapshot): SourceRecording {
  const losses: string[] = [];
  const lines: string[] = [];
  for (const [rawKey, o] of lastByRawKey(snapshot.observations)) {
    const text = recordedText(o.value, `${snapshot.source.label} ${rawKey}`, losses);
    if (text !== undefined) lines.push(`  ${JSON.stringify(rawKey)}: ${JSON.stringify(text)}`);
  }
  // Written by hand, not JSON.stringify(object): an object would move integer-like keys first.
  const text = lines.length ? `{\n${lines.join(',\n')}\n}\n` : '{}\n';
  return { files: [{ path: 'config.json', text }], spec: {}, losses };
}

/** A `dotenv` source as one dotenv file, secrets as markers. */
export function dotenvRecording(snapshot: SourceSnapshot): SourceRecording {
  const losses: string[] = [];
  const pairs: Array<[string, string]> = [];
  for (const [rawKey, o] of lastByRawKey(snapshot.observations)) {
    const text = recordedText(o.value, `${snapshot.source.label} ${rawKey}`, losses);
    if (text !== undefined) pairs.push([rawKey, text]);
  }
  return { files: [{ path: 'values.env', text: dotenvText(pairs) }], spec: {}, losses };
}
