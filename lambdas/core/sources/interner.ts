import type { Fingerprinter } from '../fingerprint';
import { canonicalKey } from '../keys';
import { SlotMemos, type SequenceMemo } from '../sequence-memo';
import { keySecrecy, secretInContext, type KeyContext, type KeySecrecy } from '../values/content-secrets';
import { contentValue, type Value } from '../values/value';

/** Texts up to this length are shared: longer ones rarely repeat and cost more to hash. */
export const MAX_SHARED_TEXT = 64;

/** How a parser shares keys and values: the canonical key of a spelling, the value of a short text. */
export interface KeyValueInterner {
  key(raw: string): string;
  /** The spelling of the key last asked for, shared with an earlier environment that spelt it the same. */
  spelling(raw: string): string;
  /**
   * What the name of the key last asked for says of its values (`keySecrecy(key, isSecretKey)`),
   * remembered from an earlier environment (one estate, one policy). Never the verdict on a text.
   */
  secrecy(key: string, isSecretKey: (key: string) => boolean): KeySecrecy;
  /**
   * `secretInContext(context, text)` for the key last asked for (whose context it is), remembered
   * from an earlier environment only for the same text: a verdict on this key and this text.
   */
  secretInContext(key: string, context: KeyContext, text: string): boolean;
  /**
   * The shared value of the text of the key last asked for, judged on its content alone
   * (`contentValue`): once per distinct text. One fingerprinter per interner.
   */
  text(text: string, fp: Fingerprinter): Value;
}

/** What a slot's first pass read besides keys (texts, their values, what names say), at the positions of their keys. */
interface SlotRecord {
  texts: Array<string | undefined>;
  values: Array<Value | undefined>;
  secrecy: Array<KeySecrecy | undefined>;
  /** The text judged under a key's context, and the verdict. */
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

  /** The content value of `text` (at most MAX_SHARED_TEXT characters), one object per distinct text. */
  text(text: string, fp: Fingerprinter): Value {
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
    let texts = this.slotRecords.get(slot);
    if (keys.firstPass || !texts) this.slotRecords.set(slot, (texts = { texts: [], values: [], secrecy: [], judged: [], secret: [] }));
    return new SourceInterner(this, keys, texts, keys.firstPass);
  }
}

class SourceInterner implements KeyValueInterner {
  constructor(
    private readonly shared: Interner,
    private readonly keys: SequenceMemo<string, string>,
    private readonly texts: SlotRecord,
    private readonly recording: boolean,
  ) {}

  /** The key last answered: what is remembered by position is used only for it. */
  private lastKey: string | undefined;

  key(raw: string): string {
    return (this.lastKey = this.keys.get(raw));
  }

  spelling(raw: string): string {
    return this.keys.shared(raw);
  }

  secrecy(key: string, isSecretKey: (key: string) => boolean): KeySecrecy {
    // Remembered by the position of the key last asked for: asked of another key, it is decided afresh.
    const at = key === this.lastKey ? this.keys.position : -1;
    const known = at >= 0 ? this.texts.secrecy[at] : undefined;
    if (known !== undefined) return known;
    const secrecy = keySecrecy(key, isSecretKey);
    if (this.recording && at >= 0) this.texts.secrecy[at] = secrecy;
    return secrecy;
  }

  secretInContext(key: string, context: KeyContext, text: string): boolean {
    const at = key === this.lastKey ? this.keys.position : -1;
    const { judged, secret } = this.texts;
    if (at >= 0 && !this.recording && judged[at] === text) return secret[at] as boolean;
    const verdict = secretInContext(context, text);
    // Short texts only, as for values: a long one is rarely read again and costs memory to keep.
    if (at >= 0 && this.recording && text.length <= MAX_SHARED_TEXT) {
      judged[at] = text;
      secret[at] = verdict;
    }
    return verdict;
  }

  text(text: string, fp: Fingerprinter): Value {
    const at = this.keys.position;
    const { texts, values } = this.texts;
    if (this.recording) {
      const value = this.shared.text(text, fp);
      if (at >= 0) {
        texts[at] = text;
        values[at] = value;
      }
      return value;
    }
    // The earlier environment's value stands only for the same text (and then it is the same content).
    const known = at >= 0 && texts[at] === text ? (values[at] as Value) : undefined;
    return known !== undefined && madeWith(known, fp) ? known : this.shared.text(text, fp);
  }
}
