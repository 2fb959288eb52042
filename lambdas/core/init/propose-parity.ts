import type { EnvironmentFacts } from './environmental';

/** A parity group init proposes, with the reason for its comment. */
export interface ParityProposal {
  name: string;
  environments: string[];
  why: string;
}

const PRODUCTION = /(^|[-_.])(prod|production|prd|live)([-_.]|$)/i;
const PRE_PRODUCTION = /(^|[-_.])(staging|stage|stg|preprod|pre-prod|uat)([-_.]|$)/i;

export const isProduction = (name: string): boolean => PRODUCTION.test(name);
export const isPreProduction = (name: string): boolean => !isProduction(name) && PRE_PRODUCTION.test(name);

/**
 * Parity groups from environment names and regions: the production environments together (they
 * serve the same customers with the same build), and each pre-production stage with the
 * production it precedes (the one in its region, else the first).
 */
export function proposeParity(envs: readonly EnvironmentFacts[]): ParityProposal[] {
  const production = envs.filter((e) => isProduction(e.name));
  const groups: ParityProposal[] = [];
  if (production.length >= 2) {
    const regions = new Set(production.map((e) => e.region ?? ''));
    groups.push({
      name: 'production',
      environments: production.map((e) => e.name),
      why:
        regions.size > 1
          ? 'the production regions serve one build: only per-environment keys may differ'
          : 'the production environments serve one build',
    });
  }
  for (const stage of envs.filter((e) => isPreProduction(e.name))) {
    const next = production.find((p) => stage.region !== undefined && p.region === stage.region) ?? production[0];
    if (!next) continue;
    groups.push({
      name: `${stage.name}-vs-${next.name}`,
      environments: [stage.name, next.name],
      why: `${stage.name} precedes ${next.name}${next.region && next.region === stage.region ? ` (both ${next.region})` : ''}: a green run there should mean something`,
    });
  }
  return groups;
}
