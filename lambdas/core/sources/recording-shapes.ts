import { isRecord } from './shape';

/**
 * Watches the leaves of a configuration file for the recording of a source whose values are secret
 * by their source alone: an SSM export holding SecureStrings, a Kubernetes Secret. Read as plain
 * configuration (`file: { from: exports/ }` meant for `ssm:`) those values would be shown and stored
 * as they are; their own source kind fingerprints them.
 */
export interface RecordingShapes {
  /** One leaf: its key as written (dotted path) and its text, or the array it is. */
  see(rawKey: string, value: string, array?: readonly unknown[]): void;
  /** Why the file must be read by another source kind, once every leaf was seen; undefined for configuration. */
  refusal(): string | undefined;
}

const SSM = 'is an SSM export holding SecureStrings: read it with an ssm source ({ path, from }), which keeps them secret';
const K8S_SECRET = 'is a Kubernetes Secret: read it with a k8s source, which keeps its values secret';

const isSecureString = (p: unknown): boolean => isRecord(p) && p.Type === 'SecureString';

/** A watcher for one file's leaves. */
export function recordingShapes(): RecordingShapes {
  let secureStrings = false;
  let kindSecret = false;
  let apiVersion = false;
  return {
    see(rawKey, value, array) {
      if (rawKey === 'Parameters' && array?.some(isSecureString)) secureStrings = true;
      else if (rawKey === 'Parameter.Type' && value === 'SecureString') secureStrings = true;
      else if (rawKey === 'kind' && value === 'Secret') kindSecret = true;
      else if (rawKey === 'apiVersion') apiVersion = true;
    },
    refusal() {
      if (secureStrings) return SSM;
      return kindSecret && apiVersion ? K8S_SECRET : undefined;
    },
  };
}
