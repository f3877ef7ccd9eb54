import type { Settings } from '../../../src-preload/contract.js';
import { toolTitle, toolUserDescription } from './tool-title.js';
import type { ToolInfo } from '../../../src-preload/schemas/agent.js';
import { logInternalError, StewardError } from '../errors.js';
import type { SecretStore } from '../ports.js';
import { AskEveryTimeError, FinancialAutoApproveError, UnknownToolError } from './framework-errors.js';
import type { GrantStore } from './grant-store.js';
import type { PermissionStore } from './permission-store.js';
import type { AnyTool, PermissionMode } from './tool.js';
import { toolParametersJsonSchema } from './tool-json-schema.js';

/** "files.read", "email_send": lowercase words, digits and "_", optionally grouped with dots. */
// Each dotted part starts with a lowercase letter; camelCase parts are allowed (the agreed HRIS name is hris.createEmployee).
const TOOL_NAME = /^(?=.{1,64}$)[a-z][a-zA-Z0-9_]*(\.[a-z][a-zA-Z0-9_]*)*$/;
/** Names the agent uses for itself; a tool may not shadow them. */
const RESERVED = new Set(['ask_user']);

/**
 * The installed tools and the user's permission mode for each. The effective mode is computed in
 * code every time: a financial tool is 'ask' even if the stored mode says otherwise (a hand-edited
 * database cannot auto-approve payments), and 'never' always wins.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, AnyTool>();

  constructor(
    private readonly permissions: PermissionStore,
    private readonly grants: GrantStore,
  ) {}

  register(tool: AnyTool): void {
    if (!TOOL_NAME.test(tool.name) || RESERVED.has(tool.name)) {
      throw new StewardError('invalid_input', `Tool name "${tool.name}" is not valid: use letters, digits, "_" and "." with each part starting with a lowercase letter (at most 64 characters, not "ask_user").`);
    }
    if (this.tools.has(tool.name)) throw new StewardError('conflict', `A tool named "${tool.name}" is already installed.`);
    this.tools.set(tool.name, tool);
  }

  /** Removes a tool that went away at runtime (an MCP server stopped or dropped it). Its stored permission and grants stay, for when it comes back. */
  unregister(name: string): boolean {
    return this.tools.delete(name);
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  get(name: string): AnyTool {
    const tool = this.tools.get(name);
    if (!tool) throw new UnknownToolError(name);
    return tool;
  }

  find(name: string): AnyTool | null {
    return this.tools.get(name) ?? null;
  }

  list(): AnyTool[] {
    return [...this.tools.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  names(): string[] {
    return this.list().map((t) => t.name);
  }

  /** The mode that policy applies. */
  mode(name: string): PermissionMode {
    const tool = this.get(name);
    const stored = this.permissions.get(name) ?? tool.defaultPermission;
    if ((tool.sideEffect === 'financial' || tool.askEveryTime) && stored === 'always') return 'ask';
    return stored;
  }

  setPermission(name: string, mode: PermissionMode): void {
    const tool = this.get(name);
    if (mode === 'always' && tool.sideEffect === 'financial') throw new FinancialAutoApproveError(name);
    if (mode === 'always' && tool.askEveryTime) throw new AskEveryTimeError(name);
    this.permissions.set(name, mode);
    // A stricter mode should not leave old "allow again" grants around to surprise the user later.
    if (mode !== 'always') this.grants.revokeAll(name);
  }

  async configured(tool: AnyTool, context: { secrets: SecretStore; settings: Settings }): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (!tool.isConfigured) return { ok: true };
    try {
      return await tool.isConfigured(context);
    } catch (err) {
      if (err instanceof StewardError) return { ok: false, reason: err.userMessage };
      const logged = logInternalError(`configuration check of ${tool.name} failed`, err);
      return { ok: false, reason: `its configuration check failed${logged ? `; see the log (${logged})` : ''}.` };
    }
  }

  async info(name: string, context: { secrets: SecretStore; settings: Settings }): Promise<ToolInfo> {
    const tool = this.get(name);
    const configured = await this.configured(tool, context);
    return {
      name: tool.name,
      description: tool.description,
      title: toolTitle(tool),
      userDescription: toolUserDescription(tool),
      sideEffect: tool.sideEffect,
      permission: this.mode(name),
      defaultPermission: (tool.sideEffect === 'financial' || tool.askEveryTime) && tool.defaultPermission === 'always' ? 'ask' : tool.defaultPermission,
      canAlwaysAllow: tool.sideEffect !== 'financial' && !tool.askEveryTime,
      idempotent: tool.idempotent,
      configured: configured.ok,
      configurationProblem: configured.ok ? null : configured.reason,
      parameters: toolParametersJsonSchema(tool),
      grants: this.grants.countActive(name),
    };
  }

  async infos(context: { secrets: SecretStore; settings: Settings }): Promise<ToolInfo[]> {
    return Promise.all(this.list().map((t) => this.info(t.name, context)));
  }
}
