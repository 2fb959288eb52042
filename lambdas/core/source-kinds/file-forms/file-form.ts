import type { SourceType, SpecOf } from '../registry';
import type { SourceFileForm } from '../source-kind';

/** A kind's file form, its spec type the kind's (`Kept`: what the kind's live reader hands its recording). */
export const defineFileForm = <K extends SourceType, Kept = never>(
  form: SourceFileForm<SpecOf<K>, Kept>,
): SourceFileForm<SpecOf<K>, Kept> => form;
