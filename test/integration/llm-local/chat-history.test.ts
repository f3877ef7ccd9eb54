/** Provider-neutral messages → node-llama-cpp chat history, with tool results attached to their calls. */
import { describe, expect, it } from 'vitest';
import { promptFingerprint, toChatFunctions, toChatHistory } from '../../../src-main/core/llm/local/chat-history.js';

describe('toChatHistory', () => {
  it('maps a plain conversation and opens an empty model turn to answer in', () => {
    expect(
      toChatHistory([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Bye' },
      ]),
    ).toEqual([
      { type: 'system', text: 'Be brief.' },
      { type: 'user', text: 'Hi' },
      { type: 'model', response: ['Hello!'] },
      { type: 'user', text: 'Bye' },
      { type: 'model', response: [] },
    ]);
  });

  it('attaches each tool result to its call and continues that model turn', () => {
    const history = toChatHistory([
      { role: 'user', content: 'Is invoice 42 paid?' },
      { role: 'assistant', content: 'Let me check.', toolCalls: [{ id: 'c1', name: 'lookup', arguments: { n: 42 } }] },
      { role: 'tool', toolCallId: 'c1', name: 'lookup', content: '{"paid":true}' },
    ]);
    expect(history).toEqual([
      { type: 'user', text: 'Is invoice 42 paid?' },
      { type: 'model', response: ['Let me check.', { type: 'functionCall', name: 'lookup', params: { n: 42 }, result: { paid: true } }] },
    ]);
  });

  it('keeps a tool result with no matching call as data instead of dropping it', () => {
    const history = toChatHistory([{ role: 'tool', toolCallId: 'ghost', name: 'lookup', content: 'plain text' }]);
    expect(history[0]).toEqual({ type: 'user', text: 'Result of tool lookup:\nplain text' });
    expect(history.at(-1)).toEqual({ type: 'model', response: [] });
  });
});

describe('toChatFunctions and promptFingerprint', () => {
  it('turns tool JSON Schemas into grammar-ready function params without handlers', () => {
    const fns = toChatFunctions([{ name: 'send', description: 'Send it', parameters: { type: 'object', properties: { to: { type: 'string', format: 'email' } }, required: ['to'] } }]);
    expect(fns).toEqual({ send: { description: 'Send it', params: { type: 'object', properties: { to: { type: 'string' } }, required: ['to'], additionalProperties: false } } });
    expect('handler' in fns.send!).toBe(false);
  });

  it('the next turn of a conversation extends the previous prompt’s fingerprint', () => {
    const turn1 = promptFingerprint([{ role: 'system', content: 'S' }, { role: 'user', content: 'Q1' }]);
    const turn2 = promptFingerprint([{ role: 'system', content: 'S' }, { role: 'user', content: 'Q1' }, { role: 'assistant', content: 'A1' }, { role: 'user', content: 'Q2' }]);
    expect(turn2.startsWith(turn1)).toBe(true);
  });
});
