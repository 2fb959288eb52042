import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** Where one environment lives: its account (through a read role, maybe) and region. */
export interface AwsTarget {
  region: string;
  roleArn?: string;
}

/** What every SDK client of one target is made from: its region and credentials, and the wiring's timeouts and retries. */
export type SdkClientConfig = { region: string; credentials: AwsCredentialIdentityProvider } & Record<string, unknown>;

/** What every live source of one target is given besides its kind's clients. */
export interface TargetClients {
  region: string;
  credentials: AwsCredentialIdentityProvider;
}

/** An SDK client: the wiring destroys what it made. */
export interface Destroyable {
  destroy(): void;
}
