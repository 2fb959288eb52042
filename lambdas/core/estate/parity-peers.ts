import type { Estate } from './model';

/** `env` and every environment it shares a parity group with, each once: what an audit needs to judge `env`'s parity findings. */
export const withParityPeers = (estate: Estate, env: string): string[] => [
  ...new Set([env, ...estate.parity.filter((g) => g.environments.includes(env)).flatMap((g) => g.environments)]),
];
