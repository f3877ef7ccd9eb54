/** A citation in a reply links to `#/knowledge?passage=<id>` (written by the core's citations.ts); the chat opens it in place. */
const CITATION = /^#\/knowledge\?passage=(\d{1,12})$/;

/** The passage a citation link opens, or null when the link is not a citation. */
export function citedPassageId(href: string | null | undefined): number | null {
  const match = typeof href === 'string' ? CITATION.exec(href) : null;
  return match ? Number(match[1]) : null;
}
