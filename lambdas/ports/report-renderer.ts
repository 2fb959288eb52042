import type { AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import type { RepositoryView } from './repository-view';

/** What a report is rendered from. */
export interface ReportInput {
  estate: Estate;
  result: AuditResult;
  /** ANSI colour, for a terminal that shows it (text only). */
  colour?: boolean;
  /** The repository the estate lives in, for a format that points at lines of its files (`needsRepository`). */
  repository?: RepositoryView;
}

/** One output format of the audit: how it is rendered and what it is stored as. */
export interface Renderer {
  /** The media type of a file or object holding it. */
  mediaType: string;
  /** It points into the repository: give it `repository` (the CLI opens one only when a format asks). */
  needsRepository: boolean;
  /** It shows the effective configurations (`result.configs`), which a reused audit does not have: such a run reads its sources. */
  needsConfigs: boolean;
  render(input: ReportInput): string;
}
