import { canonicalKey, isRuntimeKey, looksSecret } from '../../lambdas/core/keys';

describe('canonicalKey', () => {
  it.each([
    ['DB_TIMEOUT', 'db.timeout'],
    ['db_timeout', 'db.timeout'],
    ['db-timeout', 'db.timeout'],
    ['db.timeout', 'db.timeout'],
    ['DATABASE_POOL_SIZE', 'database.pool.size'],
    ['database.pool_size', 'database.pool.size'],
    ['service12/setting_3', 'service12.setting.3'],
    ['__a--b..c//d__', 'a.b.c.d'],
    ['/_-.', ''],
    [' ', ''],
    ['\t_ ', ''],
    [' db', ' db'],
    // camelCase splits as Spring's relaxed binding reads it.
    ['retryLimit', 'retry.limit'],
    ['payment.retryLimit', 'payment.retry.limit'],
    ['PAYMENT_RETRY_LIMIT', 'payment.retry.limit'],
    ['retry-limit', 'retry.limit'],
    ['HTTPServer', 'http.server'],
    ['maxHTTPConnections', 'max.http.connections'],
    ['oauth2Client', 'oauth2.client'],
    ['HTTP2Server', 'http2.server'],
    // An all-capitals word keeps a capital after a digit: the collector's OTEL_K8S_NAMESPACE is
    // otel.k8s.namespace, as `otel.k8s.namespace` in a baseline or a config file spells it.
    ['OTEL_K8S_NAMESPACE', 'otel.k8s.namespace'],
    ['K8S', 'k8s'],
    ['B2B_PARTNER_URL', 'b2b.partner.url'],
    ['getURL', 'get.url'],
    // A plural acronym stays one word, as its capitals' spelling has it: `allowedIPs` is `ALLOWED_IPS`.
    ['allowedIPs', 'allowed.ips'],
    ['trustedCIDRsByRegion', 'trusted.cidrs.by.region'],
    ['backendURLs_v2', 'backend.urls.v2'],
    ['HTTPSettings', 'http.settings'],
    ['useHTTPs', 'use.https'],
    ['getAs', 'get.as'],
    ['/production/api/dbTimeout', 'production.api.db.timeout'],
    ['Xyz', 'xyz'],
    ['ÄrgerLevel', 'ärger.level'],
    // Half a surrogate pair is its escape, which UTF-8 and a hash keep apart from another half's; a whole pair is kept.
    ['A_\ud800', 'a.\\ud800'],
    ['a_\udfff', 'a.\\udfff'],
    ['party_🎉', 'party.🎉'],
  ])('%s is %s', (raw, key) => {
    expect(canonicalKey(raw)).toBe(key);
  });
});

describe('looksSecret', () => {
  it.each(['db.password', 'client.secret', 'auth.token', 'payment.api.key', 'tls.private.key', 'tokenizer.mode'])(
    '%s looks secret (the spec globs)',
    (key) => {
      expect(looksSecret(key)).toBe(true);
    },
  );

  it.each(['db.pass', 'smtp.pass', 'mysql.root.pwd', 'redis.pw'])('%s looks secret (a password by its short name)', (key) => {
    expect(looksSecret(key)).toBe(true);
  });

  // The dot in `api.key` is a separator, not "any character".
  it.each(['db.host', 'apikey', 'apixkey', 'privatexkey', 'log.level', 'pass.through.headers', 'bypass', 'compass', 'db.pwd.file'])(
    '%s does not',
    (key) => {
      expect(looksSecret(key)).toBe(false);
    },
  );

  it('knows the runtime prefix', () => {
    expect(isRuntimeKey('runtime.replicas')).toBe(true);
    expect(isRuntimeKey('runtimes.x')).toBe(false);
  });
});
