/** The most an estate or baseline file may hold: one that size is a mistake or an attack, and would be read whole. */
export const MAX_ESTATE_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file over MAX_ESTATE_FILE_BYTES is not read, as `cannot read the estate file: …` ends. */
export const TOO_LARGE = `larger than ${MAX_ESTATE_FILE_BYTES / 1024 / 1024} MiB (an estate or baseline file is far smaller)`;
