import type { Task } from '../../../src-preload/contract.js';
import type { ApprovalRecord, Clarification, PermissionModeValue, ToolInfo } from '../../../src-preload/schemas/agent.js';
import type { RespondResult } from '../tools/approval-gate.js';

/** The agent's request surface (the contract methods in api/handlers/agent.ts and the chat's slash commands). */
export interface AgentControl {
  /** `personId`: the signed-in person asking (people/), who sees only the cards of their own chats; absent: the owner, who sees all. */
  listApprovals(filter: { status?: 'pending' | 'resolved' | 'all'; conversationId?: string; taskId?: string; limit?: number }, personId?: string | null): ApprovalRecord[];
  /** `personId`: the signed-in person deciding (only their own cards); absent: the owner (any card, recorded on the asker's behalf). */
  respondApproval(input: { id: string; decision: 'approve' | 'reject' | 'modify'; args?: Record<string, unknown>; remember?: 'conversation' | 'always'; code?: string }, actor: string, personId?: string | null): Promise<RespondResult>;
  listClarifications(filter: { conversationId?: string; status?: 'pending' | 'all' }): Clarification[];
  answerClarification(id: string, text: string, actor: string, personId?: string | null): Promise<{ applied: boolean; clarification: Clarification; notice: string | null }>;
  cancelTask(id: string): Promise<Task>;
  listTools(): Promise<ToolInfo[]>;
  setToolPermission(tool: string, mode: PermissionModeValue): Promise<ToolInfo>;
}
