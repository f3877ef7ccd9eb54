import { StewardError } from '../errors.js';

/** One problem in a definition, with the line it is on (1-based; null when the file has no lines, like JSON built in code). */
export interface DefinitionProblem {
  line: number | null;
  reason: string;
}

/** A definition that cannot be loaded: every problem with its line, so the author fixes them in one pass. */
export class WorkflowDefinitionError extends StewardError {
  constructor(
    readonly source: string,
    readonly problems: readonly DefinitionProblem[],
  ) {
    const listed = problems.map((p) => (p.line === null ? p.reason : `line ${p.line}: ${p.reason}`)).join('; ');
    super('invalid_input', `The workflow ${source} cannot be loaded — ${listed}. Fix the definition and load it again; nothing was changed.`, {
      issues: problems.map((p) => ({ path: p.line === null ? '' : `line ${p.line}`, message: p.reason })),
    });
  }
}

export class WorkflowNotFoundError extends StewardError {
  constructor(what: string, id: string) {
    super('not_found', `No ${what} "${id}" exists. Open the Workflows screen to see the ones there are.`);
  }
}

export class WorkflowInputError extends StewardError {
  constructor(workflow: string, problems: string[]) {
    super('invalid_input', `The workflow "${workflow}" cannot start — ${problems.join('; ')}. Nothing was started.`, {
      issues: problems.map((message) => ({ path: 'inputs', message })),
    });
  }
}

export class WorkflowStateError extends StewardError {
  constructor(message: string) {
    super('conflict', message);
  }
}
