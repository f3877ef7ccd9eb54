/**
 * The scripted model behind the chat e2e test (STEWARD_PROVIDER=scripted:<file>): which intent
 * each message gets and what each agent answers, chosen by words in the user's message.
 */
import { writeFileSync } from 'node:fs';
import type { ScriptInput } from '../../../src-main/core/llm/scripted-provider.js';

export const MARKDOWN_REPLY = [
  '## Quarterly summary',
  '',
  'Here is **what changed** and _why it matters_:',
  '',
  '- Revenue grew',
  '- Costs fell',
  '',
  '| Region | Sales |',
  '| ------ | ----- |',
  '| North  | 120   |',
  '| South  | 95    |',
  '',
  '```ts',
  'export function total(values: number[]): number {',
  '  return values.reduce((sum, v) => sum + v, 0); // add them up',
  '}',
  '```',
  '',
  'See [the report](https://example.com/report) for more.',
].join('\n');

/** Everything a model might try to smuggle in: all of it must stay inert text. */
export const XSS_REPLY = [
  'Attempted payloads:',
  '',
  '<script>window.__xss = "script"</script>',
  '',
  '<img src=x onerror="window.__xss = \'img\'">',
  '',
  '[click me](javascript:window.__xss=\'link\')',
  '',
  '![pixel](x" onerror="window.__xss=\'md-img\')',
  '',
  '<a href="javascript:alert(1)">raw link</a>',
  '',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '',
  '<iframe src="javascript:alert(1)"></iframe><svg onload="window.__xss=\'svg\'"></svg>',
  '',
  // A fence with no language is shown as plain text: the one path that skips the highlighter.
  '```',
  '<img src=x onerror="window.__xss = \'fenced-img\'; alert(\'fenced\')">',
  '<script>window.__xss = "fenced-script"</script>',
  '```',
].join('\n');

/** A 200k-character reply: prose paragraphs and one huge code block. */
export function hugeReply(): string {
  const paragraph = 'This is a very long answer that goes on and on so that the thread has to cope with it. ';
  const prose = Array.from({ length: 600 }, (_, i) => `Paragraph ${i + 1}. ${paragraph.repeat(2)}`).join('\n\n');
  const code = Array.from({ length: 2500 }, (_, i) => `const value${i} = compute(${i}); // line ${i + 1}`).join('\n');
  const text = `${prose}\n\n\`\`\`ts\n${code}\n\`\`\`\n\nEND OF HUGE REPLY`;
  return text.length >= 200_000 ? text : text + '\n\n' + 'x'.repeat(200_000 - text.length);
}

const intent = (name: string) => ({ type: 'json' as const, value: { intent: name, confidence: 0.95, tool: null, parameters: null, question: null } });

export function chatScript(): ScriptInput {
  return {
    rules: [
      { match: { role: 'intent', lastUser: 'welcome pack' }, response: intent('complex_task') },
      { match: { role: 'intent' }, response: intent('conversation') },
      {
        match: { role: 'manager' },
        response: {
          type: 'json',
          value: {
            question: null,
            title: 'Welcome pack',
            summary: 'A welcome letter for the new hire',
            steps: [{ title: 'Write the welcome letter', tool: null, instructions: 'Write a short welcome letter', expectedOutput: 'A letter', expectedFiles: [], estimateSeconds: 5 }],
          },
          delayMs: 1500,
        },
      },
      { match: { role: 'employee' }, response: { type: 'text', text: 'Dear Dana, **welcome** to the team!', tokenDelayMs: 150, delayMs: 1500 } },
      { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['reads well'], feedback: null, question: null }, delayMs: 1500 } },
      { match: { lastUser: 'markdown' }, response: { type: 'text', text: MARKDOWN_REPLY, tokenDelayMs: 20 } },
      { match: { lastUser: 'payload' }, response: { type: 'text', text: XSS_REPLY } },
      { match: { lastUser: 'huge' }, response: { type: 'text', text: hugeReply(), tokens: chunk(hugeReply(), 20_000) } },
    ],
    fallback: { type: 'text', text: 'Sure — happy to help.' },
  };
}

export function writeChatScript(file: string): void {
  writeFileSync(file, JSON.stringify(chatScript()));
}

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
