import type { Fingerprinter } from '../fingerprint';
import { ByteSpellings, unsharedByteKeys, type ByteKeys } from './byte-spellings';
import { canonicalKey } from '../keys';
import { SlotMemos, type SequenceMemo } from '../sequence-memo';
import { keySecrecy, secretInContext, type KeyContext, type KeySecrecy } from '../values/content-secrets';
import { mayHoldMarker } from '../values/secret-marker';
import { contentValue, makeValue, type Value } from '../values/value';

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
  /** `text` read under `key` as a secret (`makeValue(text, true, fp)`): its fingerprint. */
  secret(key: string, text: string, fp: Fingerprinter): Value;
  /** `prefix + raw`: where a spelling was read (`taskdef api:4 container app environment DB_HOST`). */
  located(prefix: string, raw: string): string;
  /** The interner's number of a canonical `key` it gave (Observation.keyId), undefined where it numbers none. */
  keyId(key: string): number | undefined;
  /**
   * Opens a list of observations whose repeated keys `firstIn` tells (ObservationSet): its number, undefined where the
   * interner keeps no such record (plainInterner). Opening one closes the one open before.
   */
  openList(): number | undefined;
  /**
   * Whether `list` sets `key` for the first time (true; the key's record remembers it) or again (false); undefined once
   * another list was opened, when the record may have been taken over and cannot tell.
   */
  firstIn(key: string, list: number): boolean | undefined;
  /** Where a scanner finds dotted keys from their bytes (scanLeaves): shared by a run, new each call where nothing is shared. */
  byteKeys(): ByteKeys;
}

/** Decides everything afresh and shares nothing: the reference the sharing interners must agree with. */
export const plainInterner: KeyValueInterner = Object.freeze({
  key: (raw: string) => canonicalKey(raw),
  spelling: (raw: string) => raw,
  secrecy: (key: string, isSecretKey: (key: string) => boolean) => keySecrecy(key, isSecretKey),
  secretInContext: (_key: string, context: KeyContext, text: string) => secretInContext(context, text),
  text: (_key: string, text: string, fp: Fingerprinter) => contentValue(text, fp),
  secret: (_key: string, text: string, fp: Fingerprinter) => makeValue(text, true, fp),
  located: (prefix: string, raw: string) => prefix + raw,
  keyId: () => undefined,
  openList: () => undefined,
  firstIn: () => undefined,
  byteKeys: unsharedByteKeys,
});

/** What the content rules found in each key name put to them so far (secret-key-names): the environments of a run repeat their keys. */
export type NameVerdicts = Map<string, readonly string[]>;

/** What the audit decided about one canonical key: the name's verdict, and the last text read under it with its value. */
interface KeyRecord {
  /** The key's number, in the order the interner first met its keys (Observation.keyId). */
  readonly id: number;
  /** The last list of observations that set the key (openList). */
  list?: number;
  secrecy?: KeySecrecy;
  /** The text last judged under the key's context, and the verdict. */
  judged?: string;
  secret?: boolean;
  /** The text last read under the key, and its value. */
  text?: string;
  value?: Value;
  /**
   * The secret last read under the key (kept for the run, in memory, as the text it was read from
   * is), and its fingerprint: environments mostly share a secret, and a keyed hash costs microseconds.
   */
  secretText?: string;
  secretValue?: Value;
}

/**
 * A spelling's canonical key, the first equal spelling seen (kept, so equal spellings share one
 * string), the key's record, and the spelling's last location with its prefix.
 */
interface SpellingRecord {
  key: string;
  spelling: string;
  record: KeyRecord;
  prefix: string | undefined;
  location: string | undefined;
}

/** False for a fingerprint made with another key (an interner shared across fingerprinters): it is made again. */
const madeWith = (v: Value, fp: Fingerprinter): boolean => (v.kind !== 'secret' && v.kind !== 'masked') || v.keyId === fp.keyId;

/**
 * True where `text` is valued apart from what the run shares: a marker in drift's own recording (a fingerprinter that
 * accepts markers) stands for the secret it names, anywhere else it is a secret of its own text. The interner is shared
 * by every source of a run, recordings and live sources alike, so such a value is neither taken from it nor kept there.
 */
const markerRuled = (text: string, fp: Fingerprinter): boolean => fp.acceptsMarkers === true && mayHoldMarker(text);

/** What remembers a key's record: the spelling just read (a parser asks about the key it just read). */
abstract class RecordedKeys implements KeyValueInterner {
  protected last: SpellingRecord | undefined;

  /** The record of a spelling: the interner's, one per distinct spelling. */
  protected abstract find(raw: string): SpellingRecord;
  /** The audit's record of a canonical key, and its shared value of a text. */
  protected abstract recordOf(key: string): KeyRecord;
  protected abstract sharedText(text: string, fp: Fingerprinter): Value;

  /** The record of the spelling just read, or found (`find`) and kept as the one just read. */
  protected spelt(raw: string): SpellingRecord {
    const last = this.last;
    return last !== undefined && last.spelling === raw ? last : (this.last = this.find(raw));
  }

  key(raw: string): string {
    return this.spelt(raw).key;
  }

  protected abstract byteTable(): ByteSpellings;
  /** The records of the spellings the byte table numbers, by number. */
  protected abstract numbered(): (SpellingRecord | undefined)[];

  byteKeys(): ByteKeys {
    const table = this.byteTable();
    const records = this.numbered();
    return {
      table,
      // The record is kept as the one just read: the parser asks about this spelling next.
      spelling: (id) => (this.last = records[id] ??= this.find(table.text(id))).spelling,
    };
  }

  spelling(raw: string): string {
    return this.spelt(raw).spelling;
  }

  private record(key: string): KeyRecord {
    const last = this.last;
    return last !== undefined && last.key === key ? last.record : this.recordOf(key);
  }

  keyId(key: string): number {
    return this.record(key).id;
  }

  abstract openList(): number;
  protected abstract openNow(): number;

  firstIn(key: string, list: number): boolean | undefined {
    if (list !== this.openNow()) return undefined;
    const record = this.record(key);
    if (record.list === list) return false;
    record.list = list;
    return true;
  }

  secrecy(key: string, isSecretKey: (key: string) => boolean): KeySecrecy {
    const record = this.record(key);
    return (record.secrecy ??= keySecrecy(key, isSecretKey));
  }

  secretInContext(key: string, context: KeyContext, text: string): boolean {
    const record = this.record(key);
    if (record.judged === text) return record.secret as boolean;
    const verdict = secretInContext(context, text);
    record.judged = text;
    record.secret = verdict;
    return verdict;
  }

  /**
   * One copy of a location per spelling while its prefix stays the same: every environment's task
   * definition places a variable alike, and a million observations would otherwise keep a million
   * equal strings (each a concatenation of two objects) alive.
   */
  located(prefix: string, raw: string): string {
    const spelt = this.spelt(raw);
    if (spelt.prefix === prefix) return spelt.location as string;
    spelt.prefix = prefix;
    return (spelt.location = prefix + spelt.spelling);
  }

  /** The content value of `text`: the key's last one when the text is the same (however long), else one per distinct short text. */
  text(key: string, text: string, fp: Fingerprinter): Value {
    if (markerRuled(text, fp)) return contentValue(text, fp);
    const record = this.record(key);
    if (record.text === text && record.value !== undefined && madeWith(record.value, fp)) return record.value;
    const value = this.sharedText(text, fp);
    record.text = text;
    record.value = value;
    return value;
  }

  /** The fingerprint of a secret `text`: the key's last one when the text is the same. */
  secret(key: string, text: string, fp: Fingerprinter): Value {
    if (markerRuled(text, fp)) return makeValue(text, true, fp);
    const record = this.record(key);
    if (record.secretText === text && record.secretValue !== undefined && madeWith(record.secretValue, fp)) return record.secretValue;
    const value = makeValue(text, true, fp);
    record.secretText = text;
    record.secretValue = value;
    return value;
  }
}

/**
 * Shares equal canonical keys and values between the sources and environments of one audit, and
 * decides what is costly once. Environments repeat each other's keys and most of their values, so
 * what is decided about a key (its canonical form, what its name says, its last text's value) is
 * kept in one record per key, found from the spelling read: a value is judged again only when its
 * text differs from the one last read under its key, however long it is (a URL, a JSON blob), and
 * memory follows the number of distinct keys, not of values.
 */
export class Interner extends RecordedKeys {
  /** What the content rules found in the names read (secretKeyNamesHidden): a name is judged once a run. */
  readonly nameVerdicts: NameVerdicts = new Map();
  private readonly spellings = new Map<string, SpellingRecord>();
  private readonly records = new Map<string, KeyRecord>();
  private readonly texts = new Map<string, Value>();
  private readonly bytes = new ByteSpellings();
  private readonly byNumber: (SpellingRecord | undefined)[] = [];
  /** The number of the list last opened (openList). */
  private lists = 0;
  private readonly memos = new SlotMemos<string, SpellingRecord>(
    (raw) => this.find(raw),
    () => this.spellings.size,
  );

  /** One record per distinct spelling, sharing the key's record with its other spellings. */
  protected find(raw: string): SpellingRecord {
    let known = this.spellings.get(raw);
    if (known === undefined) {
      const key = canonicalKey(raw);
      known = { key, spelling: raw, record: this.recordOf(key), prefix: undefined, location: undefined };
      this.spellings.set(raw, known);
    }
    return known;
  }

  openList(): number {
    return ++this.lists;
  }

  openNow(): number {
    return this.lists;
  }

  byteTable(): ByteSpellings {
    return this.bytes;
  }

  numbered(): (SpellingRecord | undefined)[] {
    return this.byNumber;
  }

  recordOf(key: string): KeyRecord {
    let record = this.records.get(key);
    if (record === undefined) {
      record = { id: this.records.size };
      this.records.set(key, record);
    }
    return record;
  }

  /** One value per distinct short text (longer ones rarely repeat except under the same key, where the record has them). */
  sharedText(text: string, fp: Fingerprinter): Value {
    if (text.length > MAX_SHARED_TEXT) return contentValue(text, fp);
    let value = this.texts.get(text);
    if (value === undefined || !madeWith(value, fp)) {
      value = contentValue(text, fp);
      this.texts.set(text, value);
    }
    return value;
  }

  /**
   * The interner one source reads with (`slot`: its place in an environment, `2:ssm`). Its spellings
   * are predicted from the same source of the first environment (SequenceMemo): where the files list
   * keys in the same order, the next spelling is found by one comparison, with no hashing; anywhere
   * else it is one lookup, as without the prediction.
   */
  forSource(slot: string): KeyValueInterner {
    return new SourceInterner(this, this.memos.open(slot));
  }
}

class SourceInterner extends RecordedKeys {
  constructor(
    private readonly shared: Interner,
    private readonly memo: SequenceMemo<string, SpellingRecord>,
  ) {
    super();
  }

  protected recordOf(key: string): KeyRecord {
    return this.shared.recordOf(key);
  }

  openList(): number {
    return this.shared.openList();
  }

  protected openNow(): number {
    return this.shared.openNow();
  }

  protected byteTable(): ByteSpellings {
    return this.shared.byteTable();
  }

  protected numbered(): (SpellingRecord | undefined)[] {
    return this.shared.numbered();
  }

  protected sharedText(text: string, fp: Fingerprinter): Value {
    return this.shared.sharedText(text, fp);
  }

  protected find(raw: string): SpellingRecord {
    return this.memo.get(raw);
  }
}
