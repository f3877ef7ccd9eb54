/**
 * What the agent needs from business memory (src-main/core/memory). Injected and optional: without
 * it the agent works from the conversation alone and says so when asked to remember something.
 * The Memory facade satisfies this shape as it is, so it can be passed straight in.
 */
import type { ConversationModel } from '../llm/provider.js';

/** A passage given to the model as [n]: the reply links "[n]" to it and lists it under Sources. */
export interface ReplyCitation {
  n: number;
  passageId: number;
  label: string;
}

export interface MemoryPort {
  /** What memory knows that is relevant to `text`, within `tokenBudget` tokens ('' or { text: '' } when nothing). */
  /** `companyOnly`: for a chat of someone other than the owner (no facts about the owner's self, no past conversations). */
  contextFor(text: string, tokenBudget: number, options?: { companyOnly?: boolean }): Promise<
    | string
    | {
        text: string;
        facts?: readonly { origin?: string | null }[];
        episodes?: readonly { origin?: string | null }[];
        /** Untrusted text included as it is (knowledge passages): each origin taints the turn as written ("the file /…/handbook.md"). */
        sources?: readonly { origin: string }[];
        /** Numbered passages the reply may cite as [n]; the reply links each to its passage. */
        citations?: readonly ReplyCitation[];
        /** The numbered passages as the prompt holds them (already wrapped as untrusted), for prompts that need them again. */
        passages?: string;
      }
  >;
  /** Runs a chat memory command ("remember that …", "forget …", "clear my data"), or returns null when `text` is not one. */
  handleCommand?(
    text: string,
    /** companyOnly: someone other than the owner sent it; only company facts may change, never the owner's personal ones. */
    options: { confirmed?: boolean; conversationId?: string | null; messageId?: string | null; companyOnly?: boolean },
  ): Promise<{ reply: string; needsConfirmation?: boolean } | null>;
  /** Background learning from a finished turn; never awaited by the agent. */
  learnFromTurn?(turn: {
    conversationId?: string | null;
    /** origin: set when the text was not the user's own words (pasted, or a reply that quoted a tool result). */
    user: { messageId?: string | null; text: string; origin?: string | null };
    assistant?: { messageId?: string | null; text: string; origin?: string | null } | null;
    /** The model the conversation is kept on: memory's calls about this turn stay with it. */
    model?: ConversationModel | null;
  }): Promise<unknown>;
  /** A task that succeeded, so repeated work can become a suggested workflow. */
  recordTask?(task: { kind: string; summary: string; params?: Record<string, unknown> }): unknown;
}
