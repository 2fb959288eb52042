import type { SourceSnapshot } from '../model';
import { recordedText, type SourceRecording } from './recorded-text';

const NOT_DECRYPTED = 'SecureString recorded without decryption';

/**
 * An `ssm` source as a `get-parameters-by-path` export, each parameter of its own type. Secrets hold
 * a marker: a SecureString's (a String when the source is read without decryption, which would make
 * it unreadable), and a String's that holds a secret by its name or content, read back as one all the same.
 */
export function ssmRecording(snapshot: SourceSnapshot, path: string, decrypt: boolean): SourceRecording {
  const losses: string[] = [];
  const parameters = snapshot.observations.map((o) => {
    const v = o.value;
    const p: Record<string, unknown> = {
      Name: o.rawKey,
      Type: v.kind === 'secret' && decrypt && o.origin.secureString ? 'SecureString' : 'String',
    };
    if (v.kind === 'opaque' && v.reason === NOT_DECRYPTED) {
      p.Type = 'SecureString';
      p.Value = '(ciphertext not recorded)';
    } else {
      const text = recordedText(v, o.rawKey, losses);
      if (text !== undefined) p.Value = text;
    }
    if (o.origin.version !== undefined) p.Version = o.origin.version;
    if (o.origin.modifiedAt !== undefined) p.LastModifiedDate = o.origin.modifiedAt;
    if (o.origin.modifiedBy !== undefined) p.LastModifiedUser = o.origin.modifiedBy;
    return p;
  });
  const text = `${JSON.stringify({ Parameters: parameters }, null, 2)}\n`;
  return { files: [{ path: 'parameters.json', text }], spec: { path, ...(decrypt ? {} : { decrypt: false }) }, losses };
}
