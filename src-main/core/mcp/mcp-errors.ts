/** Typed errors of the MCP client: each says which server, what went wrong and what to do. */
import { StewardError } from '../errors.js';

export class McpServerNotFoundError extends StewardError {
  constructor(name: string) {
    super('not_found', `There is no MCP server named "${name}". See the list under MCP servers, or add it there first.`);
  }
}

export class McpServerNameTakenError extends StewardError {
  constructor(name: string, why: 'server' | 'tools') {
    super(
      'conflict',
      why === 'server'
        ? `An MCP server named "${name}" already exists. Choose another name, or remove the existing one first.`
        : `"${name}" is already the name of a group of Steward's own tools (${name}.…), so a server with that name would shadow them. Choose another name.`,
    );
  }
}

/** Starting or connecting failed; the message carries the reason and the last lines the server wrote to stderr. */
export class McpServerStartError extends StewardError {
  constructor(name: string, reason: string, stderrTail: string) {
    const tail = stderrTail.trim() ? ` Its last output: “${stderrTail.trim().slice(-400)}”` : '';
    super('provider_failed', `MCP server "${name}" could not start: ${reason}.${tail} Fix its settings under MCP servers and press Restart; the rest of Steward keeps working.`);
  }
}

export class McpServerUnavailableError extends StewardError {
  constructor(name: string, status: string) {
    super('conflict', `MCP server "${name}" is ${status}, so its tools, resources and prompts cannot be used right now. Restart or enable it under MCP servers.`);
  }
}

export class McpToolCallError extends StewardError {
  constructor(tool: string, message: string) {
    super('provider_failed', `The MCP tool "${tool}" reported an error: ${message}`);
  }
}

export class McpImportError extends StewardError {
  constructor(what: string, fix: string) {
    super('invalid_input', `${what} ${fix} Nothing was imported.`);
  }
}

/** The browser came back from a sign-in Steward cannot finish; the message says why and what to do. */
export class McpSignInError extends StewardError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}
