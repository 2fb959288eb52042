// The CDK's built-in CloudFormation validation loads its rule engine once per test file (~8 s on two cores, two thirds of
// an infrastructure test's time). The templates are validated once, in test/infra/cloudformation-validation.test.ts;
// `npx cdk synth` and `cdk deploy` always validate. cdk-nag is a plugin of its own and stays on everywhere.
process.env.CDK_VALIDATION = 'false';
// cdk-nag reads a deprecated property of CfnEventBusPolicy, and jsii prints a stack trace for each read.
process.env.JSII_DEPRECATED = 'quiet';
// The AWS SDK warns once per process on a Node.js version it will stop supporting; set here, before any test file's imports.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
