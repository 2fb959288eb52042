declare module 'asl-validator' {
  /** Validates an Amazon States Language definition (it adds `QueryLanguage` to the states it is given). */
  function validator(
    definition: unknown,
    opts?: { checkPaths?: boolean; checkArn?: boolean },
  ): { isValid: boolean; errors: unknown[]; errorsText(separator?: string): string };
  export = validator;
}
