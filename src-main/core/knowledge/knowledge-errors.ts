import { StewardError } from '../errors.js';

/** A folder that cannot be added (missing, a file, unreadable, already covered, too many folders): why, and what to do. */
export class KnowledgeFolderRefusedError extends StewardError {
  constructor(code: 'invalid_input' | 'not_found' | 'conflict', message: string) {
    super(code, `${message} Nothing was added.`);
  }
}

export class KnowledgeFolderNotFoundError extends StewardError {
  constructor(id: string) {
    super('not_found', `Knowledge folder "${id}" is not in the list any more. Refresh the Knowledge screen.`);
  }
}

export class PassageNotFoundError extends StewardError {
  constructor(id: number) {
    super('not_found', `Passage ${id} is no longer indexed: its file changed or was removed since it was cited. Ask again to get a fresh citation.`);
  }
}
