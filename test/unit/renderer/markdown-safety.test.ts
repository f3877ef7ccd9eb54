import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { highlightCode, HIGHLIGHT_MAX_CHARS, languageFromClassName } from '../../../src-renderer/features/chat/markdown/highlight.js';
import { preserveLineBreaks } from '../../../src-renderer/features/chat/markdown/line-breaks.js';
import { safeLinkHref } from '../../../src-renderer/features/chat/markdown/safe-url.js';

// The component is .tsx, which this (node) tsconfig does not compile; vitest runs it fine, so it
// is imported by a path tsc does not follow and typed by hand.
const MARKDOWN_VIEW = '../../../src-renderer/features/chat/markdown/markdown-view.js';
const { MarkdownView } = (await import(MARKDOWN_VIEW)) as { MarkdownView: ComponentType<{ text: string }> };
const render = (text: string) => renderToStaticMarkup(createElement(MarkdownView, { text }));

describe('safe links', () => {
  it('keeps http, https and mailto links', () => {
    expect(safeLinkHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeLinkHref('http://example.com')).toBe('http://example.com/');
    expect(safeLinkHref('mailto:dana@example.com')).toBe('mailto:dana@example.com');
  });

  it('drops javascript:, data:, vbscript:, file:, relative and disguised links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '/chat/#token=x',
      '#/models',
      '',
      'https://',
    ]) {
      expect(safeLinkHref(href), href).toBeNull();
    }
    expect(safeLinkHref(undefined)).toBeNull();
  });
});

describe('Markdown rendering of a model reply', () => {
  it('renders bold, italics, lists, headers, links and tables', () => {
    const html = render('## Title\n\n**bold** and _italic_\n\n- one\n- two\n\n1. first\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[site](https://example.com)');
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>/);
    expect(html).toContain('<ol>');
    expect(html).toMatch(/<table>.*<th>A<\/th>.*<td>2<\/td>/s);
    expect(html).toContain('<a href="https://example.com/" target="_blank" rel="noopener noreferrer"');
  });

  it('shows a fenced code block highlighted, with its language and a Copy button', () => {
    const html = render('```ts\nconst x: number = 1; // note\n```');
    expect(html).toContain('class="code-block"');
    expect(html).toContain('typescript');
    expect(html).toContain('Copy');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-comment">// note</span>');
  });

  it('never renders raw HTML, event handlers, scripts, images or javascript: links', () => {
    const attacks = [
      '<script>alert("x")</script>',
      '<img src=x onerror="alert(1)">',
      '<svg onload="alert(1)"></svg>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<a href="javascript:alert(1)">raw</a>',
      '[click](javascript:alert(1))',
      '[click2](JAVASCRIPT:alert(1))',
      '![pixel](https://tracker.example/p.gif "x")',
      '![bad](x" onerror="alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<div style="background:url(javascript:alert(1))">styled</div>',
      '```html\n<script>alert(1)</script>\n```',
    ].join('\n\n');
    const html = render(attacks);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // The only SVG is our own (hidden) copy icon.
    expect(html).not.toMatch(/<svg(?![^>]*aria-hidden="true")/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<div style/i);
    // No event handler attribute inside any tag (escaped text may still show "onerror=").
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
    // The markup is shown to the reader as text, escaped.
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // An image becomes a link to it, never a request for it.
    expect(html).toContain('href="https://tracker.example/p.gif"');
    expect(html).toContain('Image: pixel');
  });
});

describe('code highlighting', () => {
  it('escapes the code it highlights', () => {
    const { html } = highlightCode('<img src=x onerror=alert(1)>', 'html');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;');
  });

  it('leaves unknown languages and huge blocks as plain text', () => {
    expect(highlightCode('print 1', 'cobol')).toEqual({ html: null, language: 'cobol' });
    expect(highlightCode('x'.repeat(HIGHLIGHT_MAX_CHARS + 1), 'ts').html).toBeNull();
    expect(highlightCode('x', null)).toEqual({ html: null, language: null });
  });

  it('reads the language from the class Markdown puts on a fence', () => {
    expect(languageFromClassName('language-TypeScript')).toBe('typescript');
    expect(languageFromClassName(undefined)).toBeNull();
  });
});

describe('line breaks in chat text', () => {
  it('keeps single newlines as line breaks but leaves code fences alone', () => {
    expect(preserveLineBreaks('Plan: Welcome pack\nA letter\n\nNext')).toBe('Plan: Welcome pack  \nA letter\n\nNext');
    const fenced = '```\na\nb\n```';
    expect(preserveLineBreaks(fenced)).toBe(fenced);
    expect(render('Plan: Welcome pack\nA letter')).toContain('Plan: Welcome pack<br/>');
  });
});
