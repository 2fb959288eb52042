/** Where a digest may go unless the installation says otherwise: Slack's incoming webhooks. */
const DEFAULT_WEBHOOK_HOSTS: readonly string[] = ['hooks.slack.com'];

/** Names the hosts a digest may be posted to, comma-separated (the default is Slack's). */
const WEBHOOK_HOSTS_ENV = 'DRIFT_SLACK_WEBHOOK_HOSTS';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The hosts a digest may go to: DRIFT_SLACK_WEBHOOK_HOSTS when set, else hooks.slack.com. */
export function webhookHosts(env: NodeJS.ProcessEnv): string[] {
  const listed = (env[WEBHOOK_HOSTS_ENV] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return listed.length ? listed : [...DEFAULT_WEBHOOK_HOSTS];
}

/**
 * Why a digest may not be posted to `url`, or undefined when it may: over https to an allowed host;
 * plain http only to a loopback address listed explicitly (it never leaves the machine), so the
 * findings and the webhook's own secret path are never sent in the clear or to a host nobody chose.
 * The reason names the host, never the URL: its path is the webhook's secret.
 */
export function webhookProblem(url: string, allowedHosts: readonly string[]): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'is not a URL';
  }
  const host = target.hostname.toLowerCase();
  const allowed = allowedHosts.map((h) => h.toLowerCase()).includes(host);
  if (target.protocol === 'http:' && !(LOOPBACK.has(host) && allowed)) return 'uses plain http: a digest is sent over https only';
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    return `uses ${target.protocol.replace(/:$/, '')}: a digest is sent over https only`;
  if (!allowed)
    return `points at ${host}, which is not among the allowed hosts (${allowedHosts.join(', ')}; set ${WEBHOOK_HOSTS_ENV} to allow another)`;
  return undefined;
}
