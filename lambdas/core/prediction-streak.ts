/** Consecutive misses after which predicting stops (the order is another: keys shuffled per environment)… */
const LOST = 16;
/** …and how many keys are then looked up alone before a prediction is tried again. */
const RETRY = 64;

/**
 * Whether predicting the next key from an earlier order still pays. A failed prediction is reads from
 * anywhere in memory on top of the lookup it falls back to, so after LOST misses in a row only the
 * lookup runs, and a prediction is tried again after RETRY keys. A pure function of the calls before.
 */
export class PredictionStreak {
  private misses = 0;

  /** False while predictions keep failing: look the key up instead. */
  worthTrying(): boolean {
    return !(this.misses >= LOST && ++this.misses < LOST + RETRY);
  }

  hit(): void {
    this.misses = 0;
  }

  /** After a retry that failed, one more miss stops predicting again. */
  miss(): void {
    this.misses = this.misses >= LOST ? LOST - 1 : this.misses + 1;
  }
}
