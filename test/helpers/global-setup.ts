import { useRunTmpdir } from './run-tmpdir';
import { startSharedDynalite } from './shared-dynalite';

export default async function globalSetup(): Promise<void> {
  useRunTmpdir();
  await startSharedDynalite();
}
