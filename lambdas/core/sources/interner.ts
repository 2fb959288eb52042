import type { Fingerprinter } from '../fingerprint';
import { canonicalKey } from '../keys';
import { SlotMemos, type SequenceMemo } from '../sequence-memo';
import { keySecrecy, secretInContext, type KeyContext, type KeySecrecy } from '../values/content-secrets';
import { contentValue, type Value } from '../values/value';

/** Texts up to this length are shared: longer ones rarely repeat and cost more to hash. */
export const MAX_SHARED_TEXT = 64;

/**
 * How a parser turns what it read into keys and values. Every answer depends on the arguments
 * alone, never on the calls before: an implementation may only share equal answers (one copy) and
 * remember what is costly to decide. `plainInterner` is the reference; `Interner` shares.
 */
export interface KeyValueInterner {
  /** The canonical key of a spelling (`canonicalKey`). */
  key(raw: string): string;
  /** The spelling itself, or an equal copy shared with an earlier environment that spelt it the same. */
  spelling(raw: string): string;
  /** What the name of `key` says of its values: `keySecrecy(key, isSecretKey)` (one estate, one policy). */
  secrecy(key: string, isSecretKey: (key: string) => boolean): KeySecrecy;
  /** `secretInContext(context, text)`, where `context` is what the name of `key` says. */
  secretInContext(key: string, context: KeyContext, text: string): boolean;
  /** The value of `text` read under `key`, judged on its content alone (`contentValue`). */
  text(key: string, text: string, fp: Fingerprinter): Value;
}

/** Decides everything afresh and shares nothing: the reference the sharing interners must agree with. */
export const plainInterner: KeyValueInterner = Object.freeze({
  key: (raw: string) => canonicalKey(raw),
  spelling: (raw: string) => raw,
  secrecy: (key: string, isSecretKey: (key: string) => boolean) => keySecrecy(key, isSecretKey),
  secretInContext: (_key: string, context: KeyContext, text: string) => secretInContext(context, text),
  text: (_key: string, text: string, fp: Fingerprinter) => contentValue(text, fp),
});

/** What a slot's first pass decided about each key besides its canonical form, at the key's position. */
interface SlotRecord {
  /** The short text last read under the key, and its value. */
  texts: Array<string | undefined>;
  values: Array<Value | undefined>;
  secrecy: Array<KeySecrecy | undefined>;
  /** The text judged under the key's context, and the verdict. */
  judged: Array<string | undefined>;
  secret: Array<boolean | undefined>;
}

/** False for a fingerprint made with another key (an interner shared across fingerprinters): it is made again. */
const madeWith = (v: Value, fp: Fingerprinter): boolean => (v.kind !== 'secret' && v.kind !== 'masked') || v.keyId === fp.keyId;

/**
 * Shares equal canonical keys and values between the sources and environments of one audit.
 * Environments mirror each other, so a million observations hold about a tenth as many distinct
 * keys; sharing them saves most of the memory (fresh memory is much of a big audit's time), and
 * equal keys and values become the same strings, which compare and hash at once. It also decides
 * what is costly to decide about them once: what each key's name says (`secrecy`), and a value's
 * content once per distinct text (`text`), or per key and text where the name brings rules.
 */
export class Interner implements KeyValueInterner {
  private readonly keys = new Map<string, string>();
  private readonly texts = new Map<string, Value>();
  private readonly keyMemos = new SlotMemos<string, string>((raw) => this.key(raw));
  private readonly slotRecords = new Map<string, SlotRecord>();

  /** The canonical key of a spelling, computed once per distinct spelling. */
  key(raw: string): string {
    let key = this.keys.get(raw);
    if (key === undefined) {
      key = canonicalKey(raw);
      this.keys.set(raw, key);
    }
    return key;
  }

  spelling(raw: string): string {
    return raw;
  }

  secrecy(key: string, isSecretKey: (key: string) => boolean): KeySecrecy {
    return keySecrecy(key, isSecretKey);
  }

  secretInContext(_key: string, context: KeyContext, text: string): boolean {
    return secretInContext(context, text);
  }

  /** The content value of `text`, one object per distinct short text (longer ones are not kept). */
  text(_key: string, text: string, fp: Fingerprinter): Value {
    if (text.length > MAX_SHARED_TEXT) return contentValue(text, fp);
    let value = this.texts.get(text);
    if (value === undefined || !madeWith(value, fp)) {
      value = contentValue(text, fp);
      this.texts.set(text, value);
    }
    return value;
  }

  /**
   * The interner for one source, `slot` naming its place in an environment (`2:ssm`): it answers
   * as this one does, predicted from what the same source of the first environment read. A value
   * is predicted from the text its key had there.
   */
  forSource(slot: string): KeyValueInterner {
    const keys = this.keyMemos.open(slot);
    let records = this.slotRecords.get(slot);
    if (keys.firstPass || !records) this.slotRecords.set(slot, (records = { texts: [], values: [], secrecy: [], judged: [], secret: [] }));
    return new SourceInterner(this, keys, records);
  }
}

/**
 * One source's interner. What it remembers of a key is kept at the position of its spelling in the
 * first environment's pass over the same source, found from the key itself (`at`): the calls for a
 * key may come in any order, among other keys' calls. In reading order the position is the key's
 * just read, with no search.
 */
class SourceInterner implements KeyValueInterner {
  /** The key just read, and its position: the calls for it then need no search. */
  private lastKey: string | undefined;
  private lastAt = -1;

  constructor(
    private readonly shared: Interner,
    private readonly keys: SequenceMemo<string, string>,
    private readonly records: SlotRecord,
  ) {}

  key(raw: string): string {
    const key = this.keys.get(raw);
    this.lastKey = key;
    this.lastAt = this.keys.position;
    return key;
  }

  spelling(raw: string): string {
    return this.keys.shared(raw);
  }

  /** Where `key`'s record is: a position of the first pass whose spelling has this key; -1 if none has. */
  private at(key: string): number {
    return key === this.lastKey && this.lastAt >= 0 ? this.lastAt : this.keys.positionOfValue(key);
  }

  private get recording(): boolean {
    return this.keys.firstPass;
  }

  secrecy(key: string, isSecretKey: (key: string) => boolean): KeySecrecy {
    const at = this.at(key);
    const known = at >= 0 ? this.records.secrecy[at] : undefined;
    if (known !== undefined) return known;
    const secrecy = keySecrecy(key, isSecretKey);
    if (this.recording && at >= 0) this.records.secrecy[at] = secrecy;
    return secrecy;
  }

  secretInContext(key: string, context: KeyContext, text: string): boolean {
    const at = this.at(key);
    const { judged, secret } = this.records;
    if (at >= 0 && !this.recording && judged[at] === text) return secret[at] as boolean;
    const verdict = secretInContext(context, text);
    // Short texts only, as for values: a long one is rarely read again and costs memory to keep.
    if (at >= 0 && this.recording && text.length <= MAX_SHARED_TEXT) {
      judged[at] = text;
      secret[at] = verdict;
    }
    return verdict;
  }

  text(key: string, text: string, fp: Fingerprinter): Value {
    if (text.length > MAX_SHARED_TEXT) return contentValue(text, fp);
    const at = this.at(key);
    const { texts, values } = this.records;
    if (this.recording) {
      const value = this.shared.text(key, text, fp);
      if (at >= 0) {
        texts[at] = text;
        values[at] = value;
      }
      return value;
    }
    // The earlier environment's value stands only for the same text (and then it is the same content).
    const known = at >= 0 && texts[at] === text ? (values[at] as Value) : undefined;
    return known !== undefined && madeWith(known, fp) ? known : this.shared.text(key, text, fp);
  }
}
