import { ADOPTIONS_SHOWN } from '../../core/digest/lines';
import { messageSpans } from '../../core/message-values';
import type { Finding } from '../../core/model';
import type { ImmediateNotice } from '../../core/notify/immediate';
import { code, fitUserText, mrkdwn } from './mrkdwn';
import type { SlackMessage } from './slack-digest';
import { mrkdwnSection } from './slack-pack';

const VALUE_MAX = 200;
// Every length below is of the escaped text (fitUserText), so the sections stay under Slack's 3,000 characters
// however much the text grows when escaped: the first section holds at most about 1,800, the second 600.

const value = (v: string | undefined): string => (v === undefined ? '_(absent)_' : code(v, VALUE_MAX));

/** A finding's message in at most about `max` escaped characters, the values it quotes as code: a value is never read as markup. */
function messageText(f: Finding, max: number): string {
  let out = '';
  for (const span of messageSpans(f)) {
    const left = max - out.length;
    if (left < 3) break;
    out += 'value' in span ? code(span.value, left - 2) : fitUserText(span.text, left);
  }
  return out;
}

/** One finding a change just opened, as a short Slack message: who changed what, from → to, what it now disagrees with, and the commands. */
export function slackImmediate(n: ImmediateNotice): SlackMessage {
  const what = n.outOfBand ? 'Out-of-band change' : 'Change';
  const where = `${code(n.key, 200)} in ${code(n.environment, 100)} · ${fitUserText(n.estate, 100)}`;
  const who = [n.by && `by ${code(n.by, 300)}`, n.at && `at ${fitUserText(n.at, 40)}`].filter(Boolean).join(' ');
  const lines = [
    `${mrkdwn([{ severity: n.severity }])} *${what}* ${where}`,
    `${value(n.from)} → ${value(n.to)}${who ? ` ${who}` : ''}`,
    `Opens ${/^[aeiou]/.test(n.finding.kind) ? 'an' : 'a'} ${n.finding.kind} finding: ${
      // What it disagrees with quotes the finding's values (the baseline's, its parity group's): as code too.
      n.disagrees === undefined
        ? messageText(n.finding, 600)
        : `it now disagrees with ${messageText({ ...n.finding, message: n.disagrees }, 600)}`
    }`,
  ];
  // A parity group has one adoption per value: spelt out, a group of many values went past Slack's 3,000 characters.
  const adopt = n.commands?.adopt ?? [];
  const more = adopt.length - ADOPTIONS_SHOWN;
  const commands = [
    ...adopt.slice(0, ADOPTIONS_SHOWN).map((c) => `Keep it: ${code(c, 300)}`),
    ...(more > 0 ? [`_and ${more} more, one for each other value: the same command naming an environment that holds it_`] : []),
    ...(n.commands?.revert ?? []).map((c) => `Undo it: ${code(c, 300)}`),
  ];
  const text = `drift: ${what.toLowerCase()} of ${fitUserText(n.key, 200)} in ${fitUserText(n.environment, 100)}${n.by ? ` by ${fitUserText(n.by, 300)}` : ''}`;
  return {
    text,
    blocks: [mrkdwnSection(lines.join('\n')), ...(commands.length ? [mrkdwnSection(commands.join('\n'))] : [])],
  };
}
