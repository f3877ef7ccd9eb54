import { memo, useMemo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './code-block.js';
import { languageFromClassName } from './highlight.js';
import { preserveLineBreaks } from './line-breaks.js';
import { markdownUrlTransform, safeLinkHref } from './safe-url.js';
import { isPlaceRoute } from '../place-links.js';
import { remarkPlaceLinks } from './remark-place-links.js';
import { citedPassageId } from '../../knowledge/citation-href.js';
import { CitationLink } from '../../knowledge/citation-link.js';
import './markdown.css';

/**
 * A model's reply as Markdown (GFM: tables, strikethrough, task lists, autolinks). Raw HTML in the
 * text is never rendered: without rehype-raw, react-markdown turns it into visible plain text.
 * Links open in the system browser and only for http(s)/mailto; images are never loaded (a remote
 * image is a tracking pixel) — they show as a link to what they point at.
 */
export const MarkdownView = memo(function MarkdownView({ text }: { text: string }) {
  const source = useMemo(() => preserveLineBreaks(text), [text]);
  return (
    <div className="markdown">
      <Markdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS} urlTransform={markdownUrlTransform}>
        {source}
      </Markdown>
    </div>
  );
});

const REMARK_PLUGINS = [remarkGfm, remarkPlaceLinks];

interface HastLike {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
}

function textOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function SafeLink({ href, children }: { href: string | undefined; children: ReactNode }) {
  // A knowledge citation opens the cited passage over the chat.
  const passageId = citedPassageId(href);
  if (passageId !== null) return <CitationLink passageId={passageId}>{children}</CitationLink>;
  // A pointer to a screen of this app ("Models › Engine") opens it here, not in a browser.
  if (isPlaceRoute(href)) {
    return (
      <a className="place-link" href={href}>
        {children}
      </a>
    );
  }
  const safe = safeLinkHref(href);
  if (!safe) return <span className="md-link-blocked">{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" title={safe}>
      {children}
    </a>
  );
}

const COMPONENTS: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  img: ({ src, alt }) => {
    const safe = safeLinkHref(typeof src === 'string' ? src : undefined);
    const label = `Image: ${alt?.trim() || 'untitled'}`;
    return safe ? (
      <a className="md-image-link" href={safe} target="_blank" rel="noopener noreferrer" title={safe}>
        {label}
      </a>
    ) : (
      <span className="md-image-link">{label}</span>
    );
  },
  pre: ({ node }) => {
    const code = (node as HastLike | undefined)?.children?.find((child) => child.type === 'element' && child.tagName === 'code');
    const className = code?.properties?.className;
    const classes = Array.isArray(className) ? className.join(' ') : typeof className === 'string' ? className : undefined;
    return <CodeBlock code={textOf(code).replace(/\n$/, '')} language={languageFromClassName(classes)} />;
  },
  table: ({ children }) => (
    <div className="md-table-wrap" tabIndex={0}>
      <table>{children}</table>
    </div>
  ),
};
