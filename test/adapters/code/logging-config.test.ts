import { treeReads } from '../../helpers/tree-reads';

const readsOf = treeReads;

const JAVA = 'package app;\npublic class App {\n  public static void main(String[] args) {}\n}\n';

describe("logging frameworks' configuration files read variables", () => {
  test("logback: ${NAME:-default} and ${NAME}, but not a property the file defines itself nor one Spring Boot's logging sets (LOG_FILE)", async () => {
    const logback = `<configuration>
  <property name="PATTERN" value="%d %msg%n"/>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>\${PATTERN}</pattern></encoder>
  </appender>
  <root level="\${LOG_LEVEL:-INFO}">
    <appender-ref ref="OUT"/>
  </root>
  <logger name="app" level="\${APP_LOG_LEVEL}"/>
  <!-- <logger name="old" level="\${OLD_LEVEL:-DEBUG}"/>
       <logger name="older" level="\${OLDER_LEVEL}"/> -->
  <appender name="FILE" class="ch.qos.logback.core.FileAppender"><file>\${LOG_FILE}</file></appender>
</configuration>
`;
    expect(await readsOf({ 'src/main/java/app/App.java': JAVA, 'src/main/resources/logback.xml': logback })).toEqual([
      ['APP_LOG_LEVEL', 'src/main/resources/logback.xml:9', 'logback configuration', { kind: 'none' }],
      ['LOG_LEVEL', 'src/main/resources/logback.xml:6', 'logback configuration', { kind: 'default', value: 'INFO' }],
    ]);
  });

  test('log4j2: ${env:NAME:-default} and ${env:NAME}; a ${sys:…} lookup reads no variable', async () => {
    const log4j2 = `<Configuration>
  <Appenders><Console name="OUT"/></Appenders>
  <Loggers>
    <Root level="\${env:ROOT_LEVEL:-warn}"><AppenderRef ref="OUT"/></Root>
    <Logger name="app" level="\${env:APP_LEVEL}" additivity="\${sys:additive}"/>
  </Loggers>
</Configuration>
`;
    expect(await readsOf({ 'src/main/java/app/App.java': JAVA, 'src/main/resources/log4j2.xml': log4j2 })).toEqual([
      ['APP_LEVEL', 'src/main/resources/log4j2.xml:5', 'log4j2 configuration', { kind: 'none' }],
      ['ROOT_LEVEL', 'src/main/resources/log4j2.xml:4', 'log4j2 configuration', { kind: 'default', value: 'warn' }],
    ]);
  });

  test('a commented-out line of a properties or YAML file is read as nothing, and the lines after it keep their numbers', async () => {
    const properties =
      'appender.out.type = Console\n\n\n# rootLogger.level = ${env:OLD_LEVEL}\n  ! another comment\nrootLogger.level = ${env:ROOT_LEVEL:-info}\n';
    expect(await readsOf({ 'src/main/java/app/App.java': JAVA, 'src/main/resources/log4j2.properties': properties })).toEqual([
      ['ROOT_LEVEL', 'src/main/resources/log4j2.properties:6', 'log4j2 configuration', { kind: 'default', value: 'info' }],
    ]);
  });
});
