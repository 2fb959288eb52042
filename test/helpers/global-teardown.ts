import { removeRunTmpdir } from './run-tmpdir';
import { stopSharedDynalite } from './shared-dynalite';

export default async function globalTeardown(): Promise<void> {
  await stopSharedDynalite();
  removeRunTmpdir();
}
