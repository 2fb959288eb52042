// The file forms of the kinds that read keys and values as files hold them (config files, dotenv files,
// SSM exports), imported together (file-form-imports.ts): most estates read these and no others.
export { dotenvFiles } from './dotenv';
export { fileFiles } from './file';
export { ssmFiles } from './ssm';
