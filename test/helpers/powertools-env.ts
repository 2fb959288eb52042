// Imported first by tests that read what the handlers log: Powertools reads these as its modules load, and an
// import is evaluated before any statement of the file that imports it. Logs and metrics go to the (captured)
// console, pretty-printed, debug lines included; the AWS SDK stays quiet about the Node.js version.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.POWERTOOLS_SERVICE_NAME = 'drift';
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
