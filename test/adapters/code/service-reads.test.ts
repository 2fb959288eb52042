import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const apiReadsOf = async (files: Record<string, string>) =>
  ((await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).apiReads ?? []).map((a) => [
    a.service,
    `${a.file}:${a.line}`,
    a.via,
  ]);

describe('code that reads a configuration service through its API', () => {
  test.each([
    [
      'Python, boto3 by path',
      'settings.py',
      'import boto3\nssm = boto3.client("ssm")\n\ndef load():\n    return ssm.get_parameters_by_path(Path="/prod/api/", Recursive=True)\n',
      ['ssm', 'settings.py:5', 'get_parameters_by_path'],
    ],
    [
      'TypeScript, SDK v3 commands',
      'src/config.ts',
      "import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';\nconst client = new SSMClient({});\nexport const load = (name: string) => client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));\n",
      ['ssm', 'src/config.ts:1', 'GetParameterCommand'],
    ],
    [
      'Go, SDK v2',
      'config/ssm.go',
      'package config\n\nimport "github.com/aws/aws-sdk-go-v2/service/ssm"\n\nfunc Load(c *ssm.Client) {\n\tc.GetParametersByPath(ctx, &ssm.GetParametersByPathInput{Path: &path})\n}\n',
      ['ssm', 'config/ssm.go:6', 'GetParametersByPath'],
    ],
    [
      '.NET configuration provider',
      'Api/Program.cs',
      'var builder = WebApplication.CreateBuilder(args);\nbuilder.Configuration.AddSystemsManager("/checkout/");\n',
      ['ssm', 'Api/Program.cs:2', 'AddSystemsManager'],
    ],
    [
      'Secrets Manager from TypeScript',
      'src/secret.ts',
      "import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';\nexport const read = (c: SecretsManagerClient) => c.send(new GetSecretValueCommand({ SecretId: 'shop/db' }));\n",
      ['secretsmanager', 'src/secret.ts:1', 'GetSecretValueCommand'],
    ],
    [
      "AppConfig's agent",
      'app.py',
      'import urllib.request\n\ndef flags():\n    return urllib.request.urlopen("http://localhost:2772/applications/shop/environments/prod/configurations/flags").read()\n',
      ['appconfig', 'app.py:4', '"localhost2772"'],
    ],
  ])('%s is one API read, at its first sign', async (_what, file, text, expected) => {
    expect(await apiReadsOf({ [file]: text })).toEqual([expected]);
  });

  test("Spring Cloud AWS's spring.config.import of Parameter Store and Secrets Manager, in application.yml or .properties", async () => {
    const app = 'package app;\npublic class App {\n  @Value("${shop.timeout:10s}") String timeout;\n}\n';
    expect(
      await apiReadsOf({
        'src/main/java/app/App.java': app,
        'src/main/resources/application.yml': 'spring:\n  config:\n    import: "optional:aws-parameterstore:/config/shop/"\n',
        'src/main/resources/application-prod.properties': 'spring.config.import=aws-secretsmanager:shop/db\n',
      }),
    ).toEqual([
      ['secretsmanager', 'src/main/resources/application-prod.properties:1', 'aws-secretsmanager:'],
      ['ssm', 'src/main/resources/application.yml:3', 'aws-parameterstore:'],
    ]);
  });

  test('a spring.config.import commented out (# in YAML or .properties, ! in .properties, a trailing # in YAML) imports nothing', async () => {
    expect(
      await apiReadsOf({
        'src/main/resources/application.yml':
          'spring:\n  config:\n    # import: "optional:aws-parameterstore:/config/shop/"\n    name: shop # was aws-secretsmanager:shop/db\n',
        'src/main/resources/application-prod.properties':
          '#spring.config.import=aws-parameterstore:/config/shop/\n  ! spring.config.import=aws-secretsmanager:shop/db\n',
        'src/main/resources/bootstrap.properties':
          'spring.application.name=shop\n# then:\nspring.config.import=aws-secretsmanager:shop/db\n',
      }),
    ).toEqual([['secretsmanager', 'src/main/resources/bootstrap.properties:3', 'aws-secretsmanager:']]);
  });

  test("a secret's ARN in a string (arn:aws:secretsmanager:…) is no read of Secrets Manager: a string sign is its own text", async () => {
    const ts =
      "export const policy = {\n  Effect: 'Allow',\n  Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf',\n};\n";
    expect(await apiReadsOf({ 'infra/policy.ts': ts })).toEqual([]);
    // The Spring import's prefix in code is one.
    const java = 'package app;\n@PropertySource("aws-secretsmanager:shop/db")\nclass App {}\n';
    expect(await apiReadsOf({ 'src/App.java': java })).toEqual([['secretsmanager', 'src/App.java:2', '"awssecretsmanager"']]);
  });

  test("a servlet's request.getParameter reads no SSM: a call the service shares with others needs a sign of it", async () => {
    const java =
      'class Search extends HttpServlet {\n  void doGet(HttpServletRequest request) {\n    String q = request.getParameter("q");\n  }\n}\n';
    expect(await apiReadsOf({ 'src/Search.java': java })).toEqual([]);
  });

  test('a variable or field named for the service (awsSecretsManagerArn, ssmParameterName) is no sign: only a client, type or call of it is', async () => {
    const ts = "export const awsSecretsManagerArn = process.env.SECRET_ARN;\nexport const awsParameterStorePrefix = '/shop/';\n";
    const java =
      'class Search extends HttpServlet {\n  String ssmParameterName = System.getenv("PARAM");\n  void doGet(HttpServletRequest request) {\n    String q = request.getParameter("q");\n  }\n}\n';
    const py = 'secrets_manager_secret_name = os.environ["SECRET"]\nsecret = vault.get_secret(secrets_manager_secret_name)\n';
    expect(await apiReadsOf({ 'src/config.ts': ts, 'src/Search.java': java, 'vault.py': py })).toEqual([]);
    // The client and its builder are.
    const v1 =
      'class Db {\n  String password() {\n    var client = AWSSecretsManagerClientBuilder.standard().build();\n    return client.getSecretValue(new GetSecretValueRequest().withSecretId("db")).getSecretString();\n  }\n}\n';
    const boto = 'import boto3\nssm_client = boto3.session.Session().client(service_name="ssm")\nv = ssm_client.get_parameter(Name="/x")\n';
    expect(await apiReadsOf({ 'src/Db.java': v1, 'load.py': boto })).toEqual([
      ['ssm', 'load.py:3', 'get_parameter'],
      ['secretsmanager', 'src/Db.java:3', 'AWSSecretsManagerClientBuilder'],
    ]);
  });

  test('a word that only holds the letters of a sign (classmethod holds ssm) is no sign', async () => {
    const py = 'class Form:\n    @classmethod\n    def get_parameter(cls, name):\n        return name\n';
    expect(await apiReadsOf({ 'form.py': py })).toEqual([]);
  });

  test("Django's apps.get_app_config is its app registry, no AppConfig: a shared call is no sign of its service itself (akarpov's utils/models.py)", async () => {
    const { readFileSync } = await import('node:fs');
    const models = readFileSync(`${__dirname}/../../fixtures/realworld/akarpov/akarpov/utils/models.py`, 'utf8');
    expect(await apiReadsOf({ 'akarpov/utils/models.py': models })).toEqual([]);
    // Beside a client of the service it still counts.
    const agent = 'import boto3\nclient = boto3.client("appconfig")\ncfg = client.get_configuration(Application="a")\n';
    expect(await apiReadsOf({ 'agent.py': agent })).toEqual([['appconfig', 'agent.py:3', 'get_configuration']]);
  });

  test("Django's app_config (an entry of its app registry) is no sign of AppConfig: its marks count written as one word (saleor's migration)", async () => {
    const { readFileSync } = await import('node:fs');
    const file = 'saleor/account/migrations/0040_auto_20200415_0443.py';
    const migration = readFileSync(`${__dirname}/../../fixtures/realworld/saleor/${file}`, 'utf8');
    expect(await apiReadsOf({ [file]: migration })).toEqual([]);
    // The SDKs' own spellings still are: a client type, and a module.
    const java =
      'class Flags {\n  String get(AppConfigDataClient client) {\n    return client.getLatestConfiguration(r).configuration().asUtf8String();\n  }\n}\n';
    const go =
      'package flags\n\nimport "github.com/aws/aws-sdk-go-v2/service/appconfig"\n\nfunc Load(c *appconfig.Client) { c.GetConfiguration(ctx, in) }\n';
    expect(await apiReadsOf({ 'src/Flags.java': java, 'flags/load.go': go })).toEqual([
      ['appconfig', 'flags/load.go:5', 'GetConfiguration'],
      ['appconfig', 'src/Flags.java:3', 'getLatestConfiguration'],
    ]);
  });
});
