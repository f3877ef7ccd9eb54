/**
 * Where a request that carries images may go (DESIGN §4.1: code decides, not the model): only to
 * a cloud model that reads images. A conversation pinned to the local model, a text-only cloud
 * model, or no cloud model at all is refused with the reason and what to choose instead — never
 * silently answered without the picture.
 */
import type { ChatMessage } from '../provider.js';
import type { Slot } from '../router/routing-rules.js';
import { CloudModelReadsTextOnlyError, LocalModelReadsTextOnlyError, NoModelReadsImagesError } from './vision-errors.js';
import { cloudModelReadsImages, type VisionMarking } from './vision-models.js';

export interface ImageRoutingState {
  /** The slot the conversation is pinned to; undefined lets the router pick. */
  pinned: Slot | undefined;
  /** A cloud provider exists and is enabled. */
  cloudUsable: boolean;
  cloudModel: string;
  localModel: string | null;
  marking: VisionMarking;
}

/** The names of the images in a request's messages (empty when it has none). */
export function imageNamesIn(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((m) => (m.role === 'user' ? (m.images ?? []).map((image) => image.name) : []));
}

/** The one slot that may answer a request with these images; throws the refusal otherwise. */
export function slotForImages(names: readonly string[], state: ImageRoutingState): Slot {
  if (state.pinned === 'local') throw new LocalModelReadsTextOnlyError(state.localModel, names);
  if (!state.cloudUsable) throw new NoModelReadsImagesError(names);
  if (!cloudModelReadsImages(state.cloudModel, state.marking)) throw new CloudModelReadsTextOnlyError(state.cloudModel, names, state.pinned === 'cloud');
  return 'cloud';
}
