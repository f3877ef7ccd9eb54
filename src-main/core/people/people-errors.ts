import { StewardError } from '../errors.js';

/** A person asked for a tool their role does not open. Names the role (or department) that would. */
export class ToolPermissionError extends StewardError {
  constructor(personName: string, role: string, toolTitle: string, needs: string) {
    super('unauthorized', `${personName} (${role}) may not use “${toolTitle}”: it needs ${needs}. The owner can change roles in Settings › People.`);
  }
}

export class RoleRequiredError extends StewardError {
  constructor(personName: string, role: string, what: string, needs: string) {
    super('unauthorized', `${personName} (${role}) may not ${what}: it needs ${needs}. The owner can change roles in Settings › People.`);
  }
}

/** Wrong email or password, or an unknown token: one message for both, so it does not tell which was wrong. */
export class SignInFailedError extends StewardError {
  constructor() {
    super('unauthorized', 'That email and password (or token) do not match a profile. Check them, or ask the owner to set a new one in Settings › People.');
  }
}

export class PersonConflictError extends StewardError {
  constructor(message: string) {
    super('conflict', message);
  }
}
