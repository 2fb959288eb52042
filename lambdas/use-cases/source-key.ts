import { nodeCrypto } from '../core/on-demand/node-crypto';

/** A source's identity in the store: its label, which survives reordering the sources. */
export const sourceKey = (label: string): string => nodeCrypto().createHash('sha256').update(label).digest('hex').slice(0, 16);
