/**
 * A remark plugin: pointers to places in the app in a reply's text ("Integrations › Cloud model")
 * become links to that screen. Only text nodes outside links and code are touched, and only known
 * places (UI_PLACES) become links, so a reply cannot make a link to anything else this way.
 */
import { splitPlaces } from '../place-links.js';

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'definition']);

function linkPlaces(node: MdNode): void {
  if (!node.children || SKIP.has(node.type)) return;
  const next: MdNode[] = [];
  for (const child of node.children) {
    if (child.type === 'text' && typeof child.value === 'string') {
      for (const part of splitPlaces(child.value)) {
        next.push(part.kind === 'place' ? { type: 'link', url: part.route, children: [{ type: 'text', value: part.text }] } : { type: 'text', value: part.text });
      }
    } else {
      linkPlaces(child);
      next.push(child);
    }
  }
  node.children = next;
}

export function remarkPlaceLinks() {
  return (tree: MdNode) => linkPlaces(tree);
}
