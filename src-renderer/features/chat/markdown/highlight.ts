/**
 * Syntax highlighting for code blocks with a handful of common languages registered on the
 * highlight.js core (the full build adds ~900 KB to the bundle). highlight.js escapes the code it
 * is given, so its output holds only its own <span class="hljs-…"> markup — never the model's HTML.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, css, javascript, json, markdown, python, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'shell', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['js', 'jsx', 'mjs', 'cjs'], { languageName: 'javascript' });
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['html', 'htm', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });
hljs.registerAliases(['md'], { languageName: 'markdown' });

/**
 * Above this size a block is shown as plain text: highlighting a huge block (a pasted log, a
 * generated file) would hold the main thread for seconds, and colour adds little there.
 */
export const HIGHLIGHT_MAX_CHARS = 20_000;

export interface HighlightedCode {
  /** Escaped HTML from highlight.js, or null when the block is shown as plain text. */
  html: string | null;
  /** The language shown in the block's header ("typescript"), or null when unknown. */
  language: string | null;
}

/** `language-ts` (what Markdown puts on a fenced block) → "ts", or null. */
export function languageFromClassName(className: string | undefined): string | null {
  const match = /(?:^|\s)language-([\w#+.-]+)/.exec(className ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

export function highlightCode(code: string, requested: string | null): HighlightedCode {
  const label = requested ? (DISPLAY_NAMES[requested] ?? requested) : null;
  if (!requested || !hljs.getLanguage(requested) || code.length > HIGHLIGHT_MAX_CHARS) return { html: null, language: label };
  return { html: hljs.highlight(code, { language: requested, ignoreIllegals: true }).value, language: label };
}

const DISPLAY_NAMES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  py: 'python',
  sh: 'bash',
  shell: 'bash',
  yml: 'yaml',
  md: 'markdown',
};
