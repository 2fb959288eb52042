import { wildcardTest } from '../wildcard';
const SESSION = /^arn:([^:]+):sts::(\d*):assumed-role\/([^/]+)\/.+$/;
// A role with a path: the name is literal, so the path-less form names the same role (names are unique in an account).
const ROLE_PATH = /^(arn:[^:]+:iam::[^:]*:role\/).*\/([^/*?]+)$/;

/** A principal glob as written: `*` any run of characters (`/` and `:` included), `?` one; case-sensitive, like ARNs. */
const principalGlob = (glob: string): ((principal: string) => boolean) => wildcardTest(glob);

/**
 * The names a modifier goes by: as written, and for an assumed-role session
 * (`arn:aws:sts::123:assumed-role/deploy/github-actions`) also its role (`arn:aws:iam::123:role/deploy`).
 */
function namesOf(principal: string): string[] {
  const session = SESSION.exec(principal);
  return session ? [principal, `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`] : [principal];
}

/**
 * Whether a modifier is one of `deployers:`. A session matches a glob written for it or for its
 * role; a session ARN carries no role path, so a role glob's path is dropped when the role's name is
 * written out (`role/ci/deploy` also matches `role/deploy`: the name is unique in its account).
 */
export function isDeployer(deployers: readonly string[]): (principal: string) => boolean {
  const tests = deployers.flatMap((glob) => {
    const pathless = ROLE_PATH.exec(glob);
    const globs = pathless ? [glob, `${pathless[1]}${pathless[2]}`] : [glob];
    return globs.map(principalGlob);
  });
  return (principal) => namesOf(principal).some((name) => tests.some((t) => t(name)));
}

/**
 * Who made a change outside the release process, or undefined: with `deployers:` declared, a
 * change whose modifier the platform names and who is not a deployer. Without `deployers:`, or
 * when the modifier is unknown, nothing is out-of-band.
 */
export function outOfBandTest(deployers: readonly string[] | undefined): (modifiedBy: string | undefined) => string | undefined {
  if (deployers === undefined) return () => undefined;
  const sanctioned = isDeployer(deployers);
  return (modifiedBy) => (modifiedBy === undefined || modifiedBy === '' || sanctioned(modifiedBy) ? undefined : modifiedBy);
}
