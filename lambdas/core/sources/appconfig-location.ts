import type { AppConfigIds } from './appconfig-deployment';

// Its own module: the source kind's label reads it, and a function that reads no AppConfig source
// (each loads the kind's reader when it first reads one) then loads none of the reader's parsers.
/** `APP/ENV/PROFILE`: where every value of the source is, live or recorded (shown after the source's type, `appconfig`). */
export const appConfigLocation = (ids: AppConfigIds): string => `${ids.application}/${ids.environment}/${ids.profile}`;
