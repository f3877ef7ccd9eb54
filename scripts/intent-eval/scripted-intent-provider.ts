/**
 * `--provider scripted`: the project's ScriptedProvider answering every intent call with the
 * keyword rules' guess, as schema-shaped JSON. The evaluation then runs the same path as with a
 * real model (prompt with the tool catalogue, chatJson, schema validation) with no model at all.
 */
import { ScriptedProvider } from '../../src-main/core/llm/scripted-provider.js';
import type { Intent } from '../../src-main/core/agent/intent.js';
import { classifyByKeywords } from './keyword-classifier.js';

const TOOL_GUESSES: ReadonlyArray<[RegExp, string]> = [
  [/\b(e-?mail|mail|reply|forward|write to|drop a line|note to)\b/i, 'email.send'],
  [/\b(list|lsit|what files|whats in|what's in)\b/i, 'files.list'],
  [/\b(read|open)\b/i, 'files.read'],
  [/\b(diff|compare)\b/i, 'files.diff'],
  [/\bscreenshot\b/i, 'website.screenshot'],
  [/\bpreview\b/i, 'website.preview'],
  [/\b(meeting|call with|calendar|agenda|event|1:1)\b/i, 'calendar.create_event'],
  [/\b(remind|to-do)\b/i, 'reminders.create'],
  [/\b(pay|send \$|transfer)\b/i, 'payments.send'],
  [/\b(charge|refund|mark .* paid)\b/i, 'payments.charge'],
  [/\bcontact/i, 'contacts.upsert'],
  [/\btext\b/i, 'messages.sms'],
];

export function keywordIntentAnswer(text: string, toolNames: readonly string[]): Intent {
  const guess = classifyByKeywords(text);
  const tool = guess.kind === 'simple_action' ? (TOOL_GUESSES.find(([re, name]) => re.test(text) && toolNames.includes(name))?.[1] ?? toolNames[0] ?? null) : null;
  return {
    intent: guess.kind,
    confidence: guess.confidence,
    tool,
    parameters: null,
    question: guess.kind === 'clarification' ? 'Could you tell me a bit more about what you need?' : null,
  };
}

export function createScriptedIntentProvider(toolNames: readonly string[]): ScriptedProvider {
  return new ScriptedProvider(
    {
      model: 'keyword-rules',
      rules: [{ match: { call: 'chatJson', schemaName: 'intent' }, response: (call) => ({ type: 'json', value: keywordIntentAnswer(call.lastUserText, toolNames) }) }],
    },
    { id: 'scripted' },
  );
}
