import * as z from 'zod';
import { profileList } from '../code/spring-profile-expression';

/** `profiles: prod` or `[dev, api-docs]` (or `prod,api-docs`, as SPRING_PROFILES_ACTIVE writes them): the Spring profiles active. */
export const springProfiles = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => profileList(Array.isArray(v) ? v.join(',') : v))
  .optional();

/** `from: a` or `from: [a, b]`: recorded inputs, relative to the estate file's folder. */
export const fromList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

// `defaults: true` marks a layer of shared defaults: overriding it is what it is for, never `shadowed`.
const defaults = z.boolean().optional();

/** A kind's fields under `- KIND:`, strict, with `defaults` last. */
export const sourceFields = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, defaults });

/** The recorded files of a declared source, when it has any. */
export const recordedFrom = (spec: object): string[] | undefined =>
  'from' in spec && Array.isArray(spec.from) ? (spec.from as string[]) : undefined;
