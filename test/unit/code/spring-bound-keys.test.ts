import { springBoundKeys } from '../../../lambdas/core/code/spring-bound-keys';

describe('springBoundKeys: the variables Spring Boot binds a property from, beyond its own key', () => {
  test.each<[string, string[]]>([
    ['endpoints.http.keep-alive', ['endpoints.http.keepalive']],
    ['carts.dynamodb.tableName', ['carts.dynamodb.tablename']],
    ['spring.datasource.hikari.max-lifetime', ['spring.datasource.hikari.maxlifetime']],
    // One word in each part: the variable is the key itself.
    ['endpoints.catalog', []],
    ['port', []],
    ['RETAIL_UI_BANNER', []],
  ])('%s', (name, keys) => expect(springBoundKeys(name)).toEqual(keys));
});
