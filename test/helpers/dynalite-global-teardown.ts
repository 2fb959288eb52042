import { stopSharedDynalite } from './shared-dynalite';

export default stopSharedDynalite;
