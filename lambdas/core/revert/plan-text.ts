import { describeSource } from '../describe-source';
import { sanitize } from '../values/value';
import type { KeyRevert } from './plan-revert';
import type { RevertStep } from './revert-step';

// Every line but a command starts with `#`: the plan reads as a shell script, and nothing in it runs by itself.
const stepLine = (step: RevertStep): string => {
  switch (step.do) {
    case 'run':
      return step.command;
    case 'edit':
      return `# edit ${sanitize(step.file)}${step.line ? ` line ${step.line}` : ''}: ${sanitize(step.change)}`;
    case 'note':
      return `# ${sanitize(step.text)}`;
  }
};

const OUTCOME_TITLES: Record<Exclude<KeyRevert['outcome'], 'plan'>, string> = {
  nothing: 'nothing to revert',
  'by-hand': 'not revertible by drift',
  excused: 'excused by an exception, not reverted',
};

function keyLines(r: KeyRevert): string[] {
  if (r.outcome !== 'plan') return [`# ${sanitize(r.key)}: ${OUTCOME_TITLES[r.outcome]}`, `#   ${sanitize(r.reason)}`];
  return [
    `# ${sanitize(r.key)}: ${sanitize(r.current)} → ${sanitize(r.expected)}`,
    `#   in ${sanitize(describeSource(r.source))} (${sanitize(r.label)})`,
    ...r.steps.map(stepLine),
  ];
}

/** The revert plan as people read it, and as a shell could run it once reviewed. */
export function revertPlanText(environment: string, reverts: readonly KeyRevert[]): string {
  const header = [
    `# drift revert ${environment}: the commands that bring the runtime back to the baseline`,
    '# drift ran none of them: review them, then run them yourself',
  ];
  return `${[...header, ...reverts.flatMap((r) => ['', ...keyLines(r)])].join('\n')}\n`;
}
