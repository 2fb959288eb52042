import type * as NodeCrypto from 'node:crypto';
import { lazily } from '../lazily';

/**
 * node:crypto, loaded when first used: it brings Node.js's streams with it, about 6 ms of a start
 * that `drift --version` and `drift validate` never need. Every module takes it from here.
 */
export const nodeCrypto = lazily((): typeof NodeCrypto => require('node:crypto') as typeof NodeCrypto);
