import * as path from 'node:path';
import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const readsIn = async (root: string) =>
  (await new TreeSitterCodeReader().scan({ path: root, exclude: [] })).reads.map(
    (r) => `${r.name} ${r.file}:${r.line} ${r.fallback.kind === 'none' ? 'none' : r.fallback.secret ? 'secret' : r.fallback.value}`,
  );

describe('what a Spring Cloud Config Server of the tree serves from its native search-locations', () => {
  test("piggymetrics: the shared folder's account-service.yml is read, its ${MONGODB_PASSWORD} the account service's", async () => {
    expect(await readsIn(path.resolve(__dirname, '../../fixtures/realworld/piggymetrics'))).toEqual([
      'ACCOUNT_SERVICE_PASSWORD config/src/main/resources/shared/account-service.yml:5 none',
      'CONFIG_SERVICE_PASSWORD config/src/main/resources/application.yml:11 none',
      'MONGODB_PASSWORD config/src/main/resources/shared/account-service.yml:15 none',
    ]);
  });

  test('a .properties search-locations, a folder up to its {application}, a list; a secret-named setting keeps its default unshown', async () => {
    const root = scratch({
      'config/src/main/resources/application.properties':
        'spring.profiles.active=native\nspring.cloud.config.server.native.search-locations=classpath:/config/{application},file:/srv/config\n',
      'config/src/main/resources/config/orders/orders.yml':
        'db:\n  url: ${ORDERS_DB_URL:jdbc:h2:mem:orders}\n  password: ${ORDERS_DB_AUTH:hunter2}\n',
      'config/src/main/resources/other/ignored.yml': 'x: ${NOT_SERVED}\n',
      'gateway/src/main/resources/application.yml':
        'spring:\n  cloud:\n    config:\n      server:\n        native:\n          searchLocations:\n            - classpath:/served\n',
      'gateway/src/main/resources/served/gateway.properties': 'routes.timeout=${GATEWAY_TIMEOUT:5s}\n',
    });
    expect(await readsIn(root)).toEqual([
      'GATEWAY_TIMEOUT gateway/src/main/resources/served/gateway.properties:1 5s',
      'ORDERS_DB_AUTH config/src/main/resources/config/orders/orders.yml:3 secret',
      'ORDERS_DB_URL config/src/main/resources/config/orders/orders.yml:2 jdbc:h2:mem:orders',
    ]);
  });

  // Without a src/main/resources, classpath: names start from the settings file's folder: at the tree's root, that is the
  // whole repository, whose docker-compose.yml and manifests no application resolves.
  test("the tree's own root is never served: a root settings file's classpath:/ reads no other YAML file", async () => {
    const root = scratch({
      'application.yml': 'spring:\n  cloud:\n    config:\n      server:\n        native:\n          search-locations: classpath:/\n',
      'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
      'deploy/k8s.yaml': 'spec:\n  image: app:${IMAGE_TAG}\n',
    });
    expect(await readsIn(root)).toEqual([]);
  });

  test('a git backend serves no folder of the tree', async () => {
    const root = scratch({
      'config/src/main/resources/application.yml':
        'spring:\n  cloud:\n    config:\n      server:\n        git:\n          uri: https://example.com/config.git\n',
      'config/src/main/resources/shared/orders.yml': 'db: ${ORDERS_DB_URL}\n',
    });
    expect(await readsIn(root)).toEqual([]);
  });
});
