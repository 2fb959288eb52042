/** The default rule's prefix: a bool under `feature.` is a flag unless declared `flag: false`, declared or not. */
export const FLAG_PREFIX = 'feature.';
