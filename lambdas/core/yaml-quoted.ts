// Beyond what JSON escapes: DEL, C1 controls, line separators, and every format character (bidi
// overrides, zero-width spaces, the BOM, tag characters), which draw nothing or reorder a line, so a
// file that holds one shows a reviewer another key or value than the one it holds.
const NOT_SHOWN = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/** True when `text` holds a character a double-quoted scalar must write escaped. */
export const needsEscapes = (text: string): boolean => /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Cs}]/u.test(text);

/** `text` as a YAML double-quoted scalar that reads back as itself, with nothing in it invisible (JSON's escapes are YAML's). */
export const yamlQuoted = (text: string): string =>
  JSON.stringify(text).replace(NOT_SHOWN, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
