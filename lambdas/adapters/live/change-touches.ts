import type { Touches } from '../../core/events/route-changes';
import { recordedFrom } from '../../core/source-kinds/fields';
import type { SourceType, SpecOf } from '../../core/source-kinds/registry';
import { appConfigAccess } from './appconfig/appconfig-access';
import { ecsAccess, ecsTouches } from './ecs/ecs-access';
import { eksAccess } from './eks/eks-access';
import type { ReadScope } from './kind-access';
import type { LiveKind } from './live-kind';
import type { LiveType } from './live-kinds';
import { secretsManagerAccess } from './secretsmanager/secretsmanager-access';
import { ssmAccess, ssmTouches } from './ssm/ssm-access';

type Routing<K extends SourceType> = Pick<LiveKind<SpecOf<K>, unknown, never, unknown, ReadScope>, 'access' | 'touches'>;

/**
 * The part of each live kind that routing a change needs: its declared reads and which changes
 * concern them, the same objects as LIVE_KINDS holds. Not LIVE_KINDS itself, whose kinds' SDK parts
 * (readers and clients) would lie in route-events' bundle as chunks it never loads. A live kind left
 * out does not compile.
 */
export const LIVE_ROUTING = {
  ssm: { access: ssmAccess, touches: ssmTouches },
  ecs: { access: ecsAccess, touches: ecsTouches },
  // No change events: audited nightly.
  eks: { access: eksAccess },
  secretsmanager: { access: secretsManagerAccess },
  appconfig: { access: appConfigAccess },
} as const satisfies { [K in LiveType]: Routing<K> };

const routingOf = (type: SourceType): Routing<SourceType> | undefined =>
  (LIVE_ROUTING as Partial<Record<SourceType, Routing<SourceType>>>)[type];

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
    const live = routingOf(source.type);
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
    // An environment that names only its role is read in the role's account (arn:aws:iam::ACCOUNT:role/…).
    const account = read.account ?? read.roleArn?.split(':')[4] ?? installation.account;
    const region = read.region ?? installation.region;
    return account === change.account && region === change.region && live.touches(read, change);
  };
