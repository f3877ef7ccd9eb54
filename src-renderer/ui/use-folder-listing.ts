import { useCallback, useEffect, useRef, useState } from 'react';
import type { FilesBrowseOutput, PathKind } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import { useApi } from '../app/dashboards-context.js';

export interface FolderListing {
  listing: FilesBrowseOutput | null;
  error: string | null;
  loading: boolean;
  /** Lists a folder (absent: the home folder). On failure the error shows and the last listing stays. */
  open(folder?: string): Promise<void>;
}

/**
 * One folder of this computer at a time, for the in-app path browser (files.browse). The first
 * folder is `startAt`; when that cannot be read, the error shows over the home folder's listing.
 */
export function useFolderListing(pick: PathKind, extensions: readonly string[] | undefined, startAt: string | undefined): FolderListing {
  const api = useApi();
  const [listing, setListing] = useState<FilesBrowseOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const load = useCallback(
    async (folder: string | undefined): Promise<string | null> => {
      const request = ++latest.current;
      setLoading(true);
      try {
        const next = await api.call('files.browse', { pick, ...(folder && { path: folder }), ...(extensions && { extensions: [...extensions] }) });
        // A slower answer for a folder the user has already left is dropped.
        if (request !== latest.current) return null;
        setListing(next);
        setError(null);
        return null;
      } catch (err) {
        const message = ApiError.from(err).message;
        if (request === latest.current) setError(message);
        return message;
      } finally {
        if (request === latest.current) setLoading(false);
      }
    },
    [api, pick, extensions],
  );

  useEffect(() => {
    void (async () => {
      const why = await load(startAt);
      if (why === null || startAt === undefined) return;
      await load(undefined);
      setError(why);
    })();
    // Only the first folder: later ones are opened by the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { listing, error, loading, open: async (folder) => void (await load(folder)) };
}
