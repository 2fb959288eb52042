import * as path from 'node:path';

/**
 * Whether `rel`, a path made relative to a folder (path.relative), leads out of it: up (`..`, `../…`)
 * or onto another root. A name that merely starts with two dots (`..x`) stays inside.
 */
export const leavesFolder = (rel: string): boolean => rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);

/** Whether `target` is `folder` or lies under it (both resolved, absolute paths). */
export const isWithin = (folder: string, target: string): boolean => target === folder || target.startsWith(`${folder}${path.sep}`);
