import { StewardError } from '../core/errors.js';

/**
 * Changing where updates come from decides what code the app installs next, so a request from
 * the renderer (or a snippet pasted into it) cannot do it alone: the main process asks the
 * owner in a native dialog the page cannot draw or click.
 */
export class FeedChangeNotConfirmedError extends StewardError {
  constructor() {
    super('unauthorized', 'The update source was not changed: changing it needs your confirmation in the dialog Steward shows, and it was not given. Nothing was changed.');
  }
}

/** The new feed URL a settings.update payload asks for, or undefined when it leaves the feed alone. */
export function requestedFeedUrl(payload: unknown): string | null | undefined {
  const patch = (payload as { patch?: unknown } | null)?.patch;
  const updates = (patch as { updates?: unknown } | null | undefined)?.updates;
  if (typeof updates !== 'object' || updates === null || !('feedUrl' in updates)) return undefined;
  const url = (updates as { feedUrl: unknown }).feedUrl;
  return typeof url === 'string' ? url : null;
}

export type ConfirmFeedChange = (from: string | null, to: string | null) => Promise<boolean>;
