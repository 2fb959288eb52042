import * as z from '../zod';
import { profileList } from '../code/spring-profile-expression';

/** `profiles: prod` or `[dev, api-docs]` (or `prod,api-docs`, as SPRING_PROFILES_ACTIVE writes them): the Spring profiles active. */
export const springProfiles = z.optional(
  z.pipe(
    z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1)))]),
    z.transform((v) => profileList(Array.isArray(v) ? v.join(',') : v)),
  ),
);

/** `from: a` or `from: [a, b]`: recorded inputs, relative to the estate file's folder. */
export const fromList = z.pipe(
  z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
  z.transform((v) => (Array.isArray(v) ? v : [v])),
);

// `defaults: true` marks a layer of shared defaults: overriding it is what it is for, never `shadowed`.
const defaults = z.optional(z.boolean());

/** A kind's fields under `- KIND:`, strict, with `defaults` last. */
export const sourceFields = <T extends z.core.$ZodShape>(shape: T) => z.strictObject({ ...shape, defaults });

/** The recorded files of a declared source, when it has any. */
export const recordedFrom = (spec: object): string[] | undefined =>
  'from' in spec && Array.isArray(spec.from) ? (spec.from as string[]) : undefined;
