import type { EstateRef } from './estate-source';

/** An estate an installation's run audited: its name, the file versions it was read from, and when. */
export interface AuditedEstate {
  name: string;
  /** The estate file (and baseline file) as pinned by that run: still readable once the deploy removed them (the bucket keeps versions). */
  ref: EstateRef;
  runId: string;
  at: string;
}

/**
 * What the installation knows of the estates it audits, so one a deploy removed is noticed: its open
 * findings are resolved once, rather than left open (and ticketed) for ever.
 */
export interface AuditedEstates {
  /** Every estate the installation's runs audited whose removal is not settled yet. */
  listAudited(): Promise<AuditedEstate[]>;
  /** Remembers that a run audited the estate from `ref` (writes only when that changed, or it was settled as removed). */
  markAudited(entry: AuditedEstate): Promise<void>;
  /** The removed estate's resolutions are all sent: the entry `runId` wrote is listed no more (a run that audits it again writes another). */
  settleRemoved(name: string, runId: string, at: string): Promise<void>;
}
