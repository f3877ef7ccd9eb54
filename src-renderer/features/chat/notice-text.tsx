import { PlaceLinkText } from './place-link-text.js';

/**
 * Text of a system notice, with `backticked` commands shown as code and pointers to places in
 * the app ("Models › Engine") as links to them. Only for notices Steward
 * itself writes; it never interprets markup — every piece is still a plain React text node.
 */
export function NoticeText({ text }: { text: string }) {
  const parts = text.split('`');
  // An unmatched backtick means this is not our formatting: show the text exactly as written.
  if (parts.length % 2 === 0) return <PlaceLinkText text={text} />;
  return (
    <>
      {parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <PlaceLinkText key={index} text={part} />))}
    </>
  );
}
