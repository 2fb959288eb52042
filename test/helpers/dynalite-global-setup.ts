import { startSharedDynalite } from './shared-dynalite';

export default startSharedDynalite;
