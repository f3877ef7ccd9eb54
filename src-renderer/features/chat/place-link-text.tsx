import { Fragment } from 'react';
import { splitPlaces } from './place-links.js';

/** Plain text with every pointer to a place in the app ("Models › Engine") shown as a link to that screen. */
export function PlaceLinkText({ text }: { text: string }) {
  return (
    <>
      {splitPlaces(text).map((part, index) =>
        part.kind === 'place' ? (
          <a key={index} className="place-link" href={part.route}>
            {part.text}
          </a>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
