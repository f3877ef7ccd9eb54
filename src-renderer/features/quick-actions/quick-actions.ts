import type { MemoryWorkflow } from '../../../src-preload/contract.js';

/**
 * One-click starts for common work. "prefill" puts words in the box for the user to finish
 * (an email needs a recipient); "send" asks at once (nothing to add to "check status").
 */
export interface QuickAction {
  id: 'send-email' | 'create-document' | 'check-status' | 'view-logs';
  label: string;
  mode: 'prefill' | 'send';
  text: string;
  hint: string;
}

export const QUICK_ACTIONS: readonly QuickAction[] = [
  { id: 'send-email', label: 'Send email', mode: 'prefill', text: 'Send an email to ', hint: 'Starts the message — add who it is for and what to say' },
  { id: 'create-document', label: 'Create document', mode: 'prefill', text: 'Create a document: ', hint: 'Starts the message — say what the document should contain' },
  { id: 'check-status', label: 'Check status', mode: 'send', text: 'What is the status of my tasks?', hint: 'Asks Steward now' },
  { id: 'view-logs', label: 'View logs', mode: 'send', text: 'Show me the recent activity log: what you did, and what is waiting for me.', hint: 'Asks Steward now' },
];

/** A workflow Steward learned from past work, offered as a one-click automation. */
export interface SuggestedAutomation {
  id: string;
  label: string;
  detail: string;
  text: string;
}

/** How many learned workflows the chat offers at once (most used first). */
export const MAX_SUGGESTED_AUTOMATIONS = 3;

export function suggestedAutomations(workflows: readonly MemoryWorkflow[]): SuggestedAutomation[] {
  return workflows
    .slice()
    .sort((a, b) => b.runCount - a.runCount || (b.lastRunAt ?? b.createdAt).localeCompare(a.lastRunAt ?? a.createdAt))
    .slice(0, MAX_SUGGESTED_AUTOMATIONS)
    .map((w) => ({
      id: w.id,
      label: w.name,
      detail: w.runCount > 0 ? `${w.summary} · used ${w.runCount} time${w.runCount === 1 ? '' : 's'}` : w.summary,
      text: `Run my “${w.name}” workflow again: ${w.summary}`,
    }));
}
