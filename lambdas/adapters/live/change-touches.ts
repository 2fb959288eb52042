import type { Touches } from '../../core/events/route-changes';
import { recordedFrom } from '../../core/source-kinds/fields';
import { liveKindOf } from './live-kinds';

/** Where the installation runs: a read that declares no account or region is read there. */
export interface Installation {
  account: string;
  region: string;
}

/**
 * Whether a change concerns a declared source: same account and region as the source is read in,
 * and its live kind's `touches` says it names what the source reads. Recorded sources and kinds
 * without `touches` (EKS: no change events) are never touched; the nightly run audits them.
 */
export const changeTouches =
  (installation: Installation): Touches =>
  (change, source, env) => {
    const live = liveKindOf(source.type);
    if (!live?.touches || recordedFrom(source)) return false;
    let read;
    try {
      const region = 'region' in source ? source.region : undefined;
      read = live.access.read(source, { account: env.account, region: region ?? env.region, roleArn: env.roleArn });
    } catch {
      // A name the deployment refused (validation reports it): nothing declared to match.
      return false;
    }
    if (!read) return false;
    const account = read.account ?? installation.account;
    const region = read.region ?? installation.region;
    return account === change.account && region === change.region && live.touches(read, change);
  };
