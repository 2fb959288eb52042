// Imported first by tests that run handlers for their effects, not their logs: Powertools reads these as its modules
// load (an import is evaluated before any statement of the file that imports it). Logs stay in the (captured)
// console, errors only, and no metrics are printed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_SERVICE_NAME = 'drift';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
