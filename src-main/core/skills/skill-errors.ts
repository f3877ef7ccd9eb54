import { StewardError } from '../errors.js';

export class SkillNotFoundError extends StewardError {
  constructor(name: string) {
    super('not_found', `There is no skill called "${name}". See Skills for the list, or save one from a finished task.`);
  }
}

export class SkillInvalidError extends StewardError {
  constructor(what: string, fix: string) {
    super('invalid_input', `${what} ${fix} Nothing was saved.`);
  }
}
