import type { ImmediateSettings, NotifyConfig } from '../estate/model';

/** The default of `notify.slack.immediate`: out-of-band changes that open a finding of `high` or above. */
export const IMMEDIATE_DEFAULT: ImmediateSettings = { minSeverity: 'high', outOfBandOnly: true };

/** `notify.slack.immediate` as declared, or its default when left out or `true`; `false`: no immediate message. */
export function immediateSettings(slack: NotifyConfig['slack']): ImmediateSettings | false {
  const declared = slack.immediate ?? true;
  return declared === true ? IMMEDIATE_DEFAULT : declared;
}
