/**
 * HTML inside a fenced code block of a chat reply is code to read, never markup to run: whatever
 * the fence says (no language, an unknown one, a known one, or a block too big to highlight), the
 * message shows the characters and creates no element from them.
 */
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src-preload/contract.js';
import { HIGHLIGHT_MAX_CHARS } from '../../../src-renderer/features/chat/markdown/highlight.js';

// The components are .tsx, which this (node) tsconfig does not compile; vitest runs them fine, so
// they are imported by a path tsc does not follow and typed by hand.
const MESSAGE_ITEM = '../../../src-renderer/features/chat/message-item.js';
const { MessageItem } = (await import(MESSAGE_ITEM)) as { MessageItem: ComponentType<{ message: Message; showHeader: boolean; showMeta: boolean }> };

const PAYLOAD = '<img src=x onerror=alert(1)>\n<script>alert("owned")</script>\n<a href="javascript:alert(2)" onclick="alert(3)">pay now</a>';

function reply(text: string, status: Message['status'] = 'complete'): Message {
  return { id: 'm-1', conversationId: 'c-1', role: 'assistant', agent: null, text, status, createdAt: '2026-03-02T10:00:00.000Z' } as Message;
}

const render = (message: Message) => renderToStaticMarkup(createElement(MessageItem, { message, showHeader: true, showMeta: true }));

/** Markup the payload would create if it were rendered as HTML. */
function expectNoElementsFromPayload(html: string): void {
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<a[^>]*javascript:/i);
  // No event handler attribute in any tag (escaped text may still read "onerror=").
  expect(html).not.toMatch(/<[^>]*\son\w+=/i);
}

/** The text a reader sees: tags dropped, entities decoded. */
function visibleText(html: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&amp;': '&' };
  return html.replace(/<[^>]+>/g, '').replace(/&(lt|gt|quot|#x27|#39|amp);/g, (entity) => entities[entity] ?? entity);
}

const FENCES: { what: string; text: string }[] = [
  { what: 'a fence with no language', text: `Here is the snippet:\n\n\`\`\`\n${PAYLOAD}\n\`\`\`` },
  { what: 'a fence with an unknown language', text: `\`\`\`cobol\n${PAYLOAD}\n\`\`\`` },
  { what: 'an html fence', text: `\`\`\`html\n${PAYLOAD}\n\`\`\`` },
  { what: 'a fence too big to highlight', text: `\`\`\`html\n${PAYLOAD}\n${'<!-- filler -->\n'.repeat(Math.ceil(HIGHLIGHT_MAX_CHARS / 16))}\`\`\`` },
  { what: 'a tilde fence with no language', text: `~~~\n${PAYLOAD}\n~~~` },
  { what: 'an indented code block', text: `Before\n\n    ${PAYLOAD.split('\n').join('\n    ')}\n\nAfter` },
];

describe('HTML in a code block of a chat reply', () => {
  it.each(FENCES)('$what shows the HTML as text and creates no element from it', ({ text }) => {
    const html = render(reply(text));
    expectNoElementsFromPayload(html);
    expect(html).toContain('class="code-block"');
    // What the reader sees is the code itself, character for character.
    for (const line of PAYLOAD.split('\n')) expect(visibleText(html)).toContain(line);
  });

  it('stays text while the reply is still streaming in', () => {
    expectNoElementsFromPayload(render(reply(`\`\`\`\n${PAYLOAD}\n\`\`\``, 'streaming')));
    // An unclosed fence mid-stream too.
    const partial = render(reply(`\`\`\`\n${PAYLOAD}`, 'streaming'));
    expectNoElementsFromPayload(partial);
    expect(visibleText(partial)).toContain('<img src=x onerror=alert(1)>');
  });

  it('the language label of a no-language fence says text', () => {
    const html = render(reply(`\`\`\`\n${PAYLOAD}\n\`\`\``));
    expect(html).toContain('<span class="code-block__lang">text</span>');
  });
});
