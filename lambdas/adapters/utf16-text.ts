/** The byte-order marks of UTF-16 and the encodings they announce. */
const UTF16_BOMS: ReadonlyArray<[number, number, 'utf-16le' | 'utf-16be']> = [
  [0xff, 0xfe, 'utf-16le'],
  [0xfe, 0xff, 'utf-16be'],
];

/** The encoding a leading byte-order mark says the bytes are in, when it says UTF-16. */
export function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  return UTF16_BOMS.find(([a, b]) => bytes[0] === a && bytes[1] === b)?.[2];
}

/**
 * The bytes as UTF-8: those of a file that starts with a UTF-16 byte-order mark (Windows PowerShell 5
 * redirects and `Out-File`s so) decoded from UTF-16 (the mark dropped, an unpaired half as U+FFFD);
 * any other bytes as they are.
 */
export function asUtf8(bytes: Buffer): Buffer {
  const encoding = utf16Encoding(bytes);
  return encoding ? Buffer.from(new TextDecoder(encoding).decode(bytes), 'utf8') : bytes;
}
