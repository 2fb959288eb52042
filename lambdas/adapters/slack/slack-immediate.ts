import type { ImmediateNotice } from '../../core/notify/immediate';
import { code, mrkdwn, userText } from './mrkdwn';
import type { SlackMessage } from './slack-digest';
import { mrkdwnSection } from './slack-pack';

const VALUE_MAX = 200;

const value = (v: string | undefined): string => (v === undefined ? '_(absent)_' : code(userText(v, VALUE_MAX)));

/** One finding a change just opened, as a short Slack message: who changed what, from → to, what it now disagrees with, and the commands. */
export function slackImmediate(n: ImmediateNotice): SlackMessage {
  const what = n.outOfBand ? 'Out-of-band change' : 'Change';
  const where = `${code(userText(n.key, 200))} in ${code(userText(n.environment, 100))} · ${userText(n.estate, 100)}`;
  const who = [n.by && `by ${code(userText(n.by, 300))}`, n.at && `at ${userText(n.at, 40)}`].filter(Boolean).join(' ');
  const lines = [
    `${mrkdwn([{ severity: n.severity }])} *${what}* ${where}`,
    `${value(n.from)} → ${value(n.to)}${who ? ` ${who}` : ''}`,
    `Opens a ${n.finding.kind} finding: it now disagrees with ${userText(n.disagrees, 600)}`,
  ];
  const commands = [
    ...(n.commands?.adopt ?? []).map((c) => `Keep it: ${code(userText(c, 300))}`),
    ...(n.commands?.revert ?? []).map((c) => `Undo it: ${code(userText(c, 300))}`),
  ];
  const text = `drift: ${what.toLowerCase()} of ${userText(n.key, 200)} in ${userText(n.environment, 100)}${n.by ? ` by ${userText(n.by, 300)}` : ''}`;
  return {
    text,
    blocks: [mrkdwnSection(lines.join('\n')), ...(commands.length ? [mrkdwnSection(commands.join('\n'))] : [])],
  };
}
