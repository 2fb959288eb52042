import type * as Yaml from 'yaml';
import { lazily } from '../lazily';

/**
 * The yaml package, loaded when first used. drift's own readers take the estate and most config
 * files; the package parses only what they give up on, and edits. So its 250 KB stay out of
 * `drift validate` and of audits that never need it (scripts/build.mjs bundles it on its own for
 * bin/drift.js, which loads it at this require).
 */
export const yamlPackage = lazily((): typeof Yaml => require('yaml') as typeof Yaml);
