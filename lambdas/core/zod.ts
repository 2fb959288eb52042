import { config } from 'zod/mini';
import { en } from 'zod/locales';
import { memoizer } from 'zod/v4/core';

// zod's mini build: the same checks, parsers and issues as its classic one, which loads every schema
// type with its methods and JSON Schema code and builds each schema with them: 20-30 ms of every
// Lambda's cold start (of about 140) for the estate, source and tracker schemas. Mini keeps what is
// used. Classic sets two things on import that mini leaves to the caller, set here before any schema
// is built: the English messages, and the memoizer that parses a value reached twice (a YAML alias)
// once and refuses a reference cycle instead of recursing into it. zod keeps them globally and reads
// them as a schema is built, so they are set here, where every schema imports zod: the one effect a
// module of the core has on import, the same value in every process.
config({ ...en(), memoizer: memoizer() });

// Re-exported name by name, so a bundle keeps only the parts its schemas use.
export * from 'zod/mini';
