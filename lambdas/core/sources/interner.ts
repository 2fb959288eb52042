import { canonicalKey } from '../keys';
import { SlotMemos, type SequenceMemo } from '../sequence-memo';
import type { Value } from '../values/value';

/** Texts up to this length are shared: longer ones rarely repeat and cost more to hash. */
export const MAX_SHARED_TEXT = 64;

/** How a parser shares keys and values: the canonical key of a spelling, the value of a short text. */
export interface KeyValueInterner {
  key(raw: string): string;
  /** The spelling of the key last asked for, shared with an earlier environment that spelt it the same. */
  spelling(raw: string): string;
  /** `isSecretKey(key)` for the key last asked for, remembered from an earlier environment (one estate, one policy). */
  secret(key: string, isSecretKey: (key: string) => boolean): boolean;
  /** The shared value of the text of the key last asked for. */
  text(text: string): Value;
}

/** What a slot's first pass read besides keys (texts, their values, secrecy), at the positions of their keys. */
interface SlotRecord {
  texts: Array<string | undefined>;
  values: Array<Value | undefined>;
  secret: Array<boolean | undefined>;
}

/**
 * Shares equal canonical keys and plain values between the sources and environments of one audit.
 * Environments mirror each other, so a million observations hold about a tenth as many distinct
 * keys; sharing them saves most of the memory (fresh memory is much of a big audit's time), and
 * equal keys and values become the same strings, which compare and hash at once.
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

  secret(key: string, isSecretKey: (key: string) => boolean): boolean {
    return isSecretKey(key);
  }

  /** The plain text value of `text` (at most MAX_SHARED_TEXT characters), one object per distinct text. */
  text(text: string): Value {
    let value = this.texts.get(text);
    if (value === undefined) {
      value = { kind: 'text', text };
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
    if (keys.firstPass || !texts) this.slotRecords.set(slot, (texts = { texts: [], values: [], secret: [] }));
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

  secret(key: string, isSecretKey: (key: string) => boolean): boolean {
    // Secrecy is remembered by the position of the key last asked for: asked of another key, it is decided afresh.
    const at = key === this.lastKey ? this.keys.position : -1;
    const known = at >= 0 ? this.texts.secret[at] : undefined;
    if (known !== undefined) return known;
    const secret = isSecretKey(key);
    if (this.recording && at >= 0) this.texts.secret[at] = secret;
    return secret;
  }

  text(text: string): Value {
    const at = this.keys.position;
    const { texts, values } = this.texts;
    if (this.recording) {
      const value = this.shared.text(text);
      if (at >= 0) {
        texts[at] = text;
        values[at] = value;
      }
      return value;
    }
    return at >= 0 && texts[at] === text ? (values[at] as Value) : this.shared.text(text);
  }
}
