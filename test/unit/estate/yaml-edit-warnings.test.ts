import { yamlScalar } from '../../../lambdas/core/estate/yaml-edit-nodes';

// The yaml package reports an unknown tag with process.emitWarning: Node prints it on stderr as
// "(node:PID) [TAG_RESOLVE_FAILED] YAMLWarning: …", quoting the value, in the middle of adopt's output.
let warnings: unknown[];
let spy: jest.SpyInstance;
beforeEach(() => {
  warnings = [];
  spy = jest.spyOn(process, 'emitWarning').mockImplementation((w: unknown) => void warnings.push(w));
});
afterEach(() => spy.mockRestore());

describe('writing values into an estate file warns nothing on the process', () => {
  it.each(["!!js/function 'x'", '!custom value'])('a runtime value that reads as a tag (%s) is quoted, silently', (value) => {
    const written = yamlScalar(value);
    expect(written.startsWith('"')).toBe(true);
    expect(warnings).toEqual([]);
  });
});
