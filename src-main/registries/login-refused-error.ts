// The registry (through the engine's /auth) refused a login: the message is the registry's or the engine's own words.

export class LoginRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoginRefusedError';
  }
}
