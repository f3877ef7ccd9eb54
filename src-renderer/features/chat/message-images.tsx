import { useEffect, useState } from 'react';
import type { MessageImage } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';

/** Message text that says an image was attached ("Attached: chart.png (12 KB)"): only then are its images fetched. */
const ATTACHED_IMAGE = /^Attached: .*\.(png|jpe?g|gif|webp) \(/im;

/** Thumbnails of the images attached to one of the user's messages (kept with it in the encrypted database). */
export function MessageImages({ messageId, text }: { messageId: string; text: string }) {
  const api = useApi();
  const [images, setImages] = useState<MessageImage[]>([]);
  const mentions = ATTACHED_IMAGE.test(text);
  useEffect(() => {
    if (!mentions) return;
    let live = true;
    api.call('messages.images', { messageId }).then(
      (found) => live && setImages(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, messageId, mentions]);
  if (images.length === 0) return null;
  return (
    <div className="message-images" aria-label="Attached images">
      {images.map((image) => (
        <img key={image.name} className="message-image" src={`data:${image.mediaType};base64,${image.dataBase64}`} alt={image.name} title={image.name} />
      ))}
    </div>
  );
}
