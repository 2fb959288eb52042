import { profileMatcher } from '../../../lambdas/core/code/spring-profile-expression';

const active = (...names: string[]) => new Set(names);

describe("Spring's profile expressions", () => {
  test.each([
    ['prod', active('prod'), true],
    ['prod', active('staging'), false],
    ['prod, eu', active('eu'), true],
    ['!prod', active('staging'), true],
    ['!prod', active('prod', 'eu'), false],
    ['prod & eu', active('prod'), false],
    ['prod & eu', active('eu', 'prod'), true],
    ['prod | staging', active('staging'), true],
    ['(prod & eu) | staging', active('prod', 'eu'), true],
    ['!(prod | staging)', active('qa'), true],
    ['!(prod | staging)', active('staging'), false],
  ])('%s with %p is %p', (expression, profiles, expected) => {
    expect(profileMatcher(expression)?.(profiles)).toBe(expected);
  });

  test.each(['prod & eu | staging', 'prod &', '(prod', 'prod,,eu', '', 'a b'])('%p is malformed, as Spring refuses it', (expression) => {
    expect(profileMatcher(expression)).toBeUndefined();
  });
});
