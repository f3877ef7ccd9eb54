/**
 * Offline keyword rules standing in for a model, so `npm run eval:intent -- --provider scripted`
 * can smoke-test the whole evaluation anywhere. Not used by the app. The rules were written
 * while looking at test/fixtures/intents.jsonl, so their score on it is optimistic: it proves the
 * pipeline works, it is not a floor a model must beat.
 */
import type { IntentKind } from '../../src-main/core/agent/intent.js';
import type { IntentClassifier } from './eval-runner.js';

const GREETING = /^(hi|hello|helo|hey|hey there|good (morning|afternoon|evening|night)|gm|thanks?|thank you|thx|thnks|cheers|merci|ok|okay|cool|sure|great|nice|perfect|wow|haha|lol|bye|see you|take care|no worries)\b/i;
const QUESTION_START = /^(what|what's|whats|wat|when|where|who|whos|who's|which|why|how|is|are|do|does|did|was|were|could you tell|can you tell|tell me what|i don't remember|please can you explain)\b/i;
const CAPABILITY = /^(can|could) (you|u) (make|send|do|work|read|write)\b.*\?$/i;
const ACTION_VERB = /\b(send|email|e-mail|mail|write|reply|forward|create|creat|make|mak|build|draft|prepare|generate|produce|plan|organi[sz]e|set up|schedule|book|add|save|put|list|lsit|show|open|read|compare|diff|take|start|remind|pay|charge|refund|update|cancel|move|post|log|block|accept|rename|delete|transfer|translate|invoice|chase|collect|research|analy[sz]e|redo|redesign|migrate|audit|run|close|reconcile|onboard|hire|fix|change|order|call|share|check|deal|give|tell|let|do)\b/i;
const SPECIFIC = /@|\d|"|\.(md|txt|pdf|docx|xlsx|csv|html|png)\b|\b(tomorrow|tmrw|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week)\b/i;
const VAGUE_OBJECT = /\b(it|them|him|her|that|this|the usual|the thing|the same|the other one|the others|the old ones|someone|something)\b/i;
const DELIVERABLE = /\b(website|websiet|site|landing page|report|pdf|excel|spreadsheet|sheet|document|docx|handbook|plan|proposal|policy|forecast|summary|summaries|deck|menu|quote|contract|newsletter|template|guide|checklist|material|flyer|agenda)\b/i;

export function classifyByKeywords(text: string): { kind: IntentKind; confidence: number } {
  const t = text.trim();
  const words = t.split(/\s+/).length;
  const isQuestion = t.endsWith('?');

  if (!ACTION_VERB.test(t) && (GREETING.test(t) || words <= 3)) return { kind: 'conversation', confidence: 0.7 };
  if (CAPABILITY.test(t) || (isQuestion && QUESTION_START.test(t)) || (QUESTION_START.test(t) && !ACTION_VERB.test(t.split(/\s+/)[0]!))) {
    return { kind: 'question', confidence: 0.6 };
  }
  if (!ACTION_VERB.test(t)) return { kind: isQuestion ? 'question' : 'conversation', confidence: 0.4 };

  const clauses = (t.match(/\b(and then|then|and|,)\b|,/gi) ?? []).length;
  if (words <= 9 && !SPECIFIC.test(t) && (VAGUE_OBJECT.test(t) || words <= 4 || !DELIVERABLE.test(t))) return { kind: 'clarification', confidence: 0.5 };
  if (DELIVERABLE.test(t) && (words >= 8 || clauses >= 1) && !/\.(md|txt|pdf|docx|xlsx|csv|html|png)\b/i.test(t)) return { kind: 'complex_task', confidence: 0.55 };
  if (clauses >= 2 && words >= 14) return { kind: 'complex_task', confidence: 0.5 };
  return { kind: 'simple_action', confidence: 0.55 };
}

export const keywordIntentClassifier: IntentClassifier = async (text) => classifyByKeywords(text);
