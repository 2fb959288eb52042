import type { Digest } from '../../core/digest/digest-model';
import { fitPlainText, fitUserText, mrkdwn, reportLink } from './mrkdwn';
import { mrkdwnSection, packSections, SLACK_LIMITS } from './slack-pack';

/** A Slack message: Block Kit blocks and the plain `text` notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: object[];
}

const FALLBACK_LINES = 5;
const FALLBACK_CHARS = 3000;

function header(estate: string, date: string): object {
  const fixed = `drift ·  · ${date}`;
  return {
    type: 'header',
    text: { type: 'plain_text', text: `drift · ${fitPlainText(estate, SLACK_LIMITS.headerChars - fixed.length)} · ${date}` },
  };
}

function windowLine(window: Digest['window']): string {
  const start = window.start ? `${window.start} → ` : 'until ';
  return `_${start}${window.end} (${fitUserText(window.timezone, 60)})_`;
}

const linkBlock = (url: string): object => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: reportLink(url, 'Full report'), verbatim: true }],
});

/** The `text` fallback: the headline and the first lines of the digest, whole lines only. */
function fallback(first: string, lines: string[]): string {
  let text = first;
  for (const line of lines.slice(0, FALLBACK_LINES)) {
    if (text.length + 1 + line.length > FALLBACK_CHARS) break;
    text += `\n${line}`;
  }
  return text;
}

/** A digest as one Slack Block Kit message, within Slack's limits (50 blocks, 3,000 characters a section, a 150-character header). */
export function slackDigest(digest: Digest): SlackMessage {
  const head = header(digest.estate, digest.date);
  const link = digest.reportUrl ? [linkBlock(digest.reportUrl)] : [];
  const headline = mrkdwn(digest.headline);
  const body = packSections(digest.sections, SLACK_LIMITS.blocks - 2 - link.length, digest.reportUrl);
  if (digest.allClear) return { text: headline, blocks: [head, mrkdwnSection(headline), ...body, ...link] };
  const firstLines = digest.sections.flatMap((s) => s.lines.map((l) => mrkdwn(l.text)));
  return {
    text: fallback(headline, firstLines),
    blocks: [head, mrkdwnSection(`${headline}\n${windowLine(digest.window)}`), ...body, ...link],
  };
}
