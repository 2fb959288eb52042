/** What a secret the installation creates holds until a person puts the real value in: not secret, so it may sit in the template. */
export const NOT_CONFIGURED = 'not-configured';
