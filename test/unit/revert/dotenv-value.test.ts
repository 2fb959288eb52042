import { dotenvRevert } from '../../../lambdas/core/revert/file-revert';
import { dotenvValue } from '../../../lambdas/core/revert/dotenv-value';
import { parseDotenv } from '../../../lambdas/core/sources/dotenv';
import { observed, revertInput } from './revert-input';

const revertLine = (text: string) =>
  dotenvRevert(revertInput({}, observed('dotenv', 'env/staging.env:7', 'GREETING'), { target: { secret: false, text } }));

describe('the value a dotenv revert writes', () => {
  test.each([
    ['a $HOME', "GREETING='a $HOME'"],
    ['p@ss$word', "GREETING='p@ss$word'"],
    ['${DB_HOST}:5432', "GREETING='${DB_HOST}:5432'"],
    ['run `date`', "GREETING='run `date`'"],
    ['Free shipping', "GREETING='Free shipping'"],
    ['plain', 'GREETING=plain'],
  ])('%s is written in single quotes, which Compose, python-dotenv and the shell never expand', (text, line) => {
    expect(revertLine(text)[0]).toMatchObject({ do: 'edit', change: line });
  });

  test("a value with a ' and nothing a loader expands goes in double quotes", () => {
    expect(revertLine(`it's "on"`)[0]).toMatchObject({ change: String.raw`GREETING="it's \"on\""` });
  });

  test("a value with both ' and $ gets Compose's escaped single quote and says which loaders read it otherwise", () => {
    const steps = revertLine("it's $5");
    expect(steps[0]).toMatchObject({ change: String.raw`GREETING='it\'s $5'` });
    expect(steps[1]).toMatchObject({ do: 'note', text: expect.stringContaining('dotenv-expand') });
  });

  test.each([
    'a $HOME',
    "it's $5",
    "$'",
    "'$",
    'tab\there',
    'line\nbreak',
    'line\n$HOME',
    String.raw`C:\dir\ `,
    '# not a comment',
    'x "y" z',
    "it's",
  ])('drift reads back what it writes: %j', (text) => {
    const { written } = dotenvValue(text);
    expect(parseDotenv(`K=${written}\n`)).toEqual({ entries: [{ key: 'K', value: text, line: 1 }], errors: [] });
  });
});

test("a value no dotenv quoting holds (a ', a $ and a final backslash) is left to the person, who is told why", () => {
  const [edit, note] = revertLine("it's $\\");
  expect(edit).toMatchObject({ do: 'edit', change: expect.stringMatching(/^set GREETING to "it's \$\\\\" /) });
  expect(note).toMatchObject({ do: 'note', text: expect.stringContaining('no dotenv quoting holds it') });
});
