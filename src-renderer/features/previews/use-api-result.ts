import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error.js';

export type ApiResult<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/**
 * The result of one request that depends on `key` (a path, a proposal), refetched when the key
 * changes or on retry. The result is stored with the key it answers, so a stale answer never
 * shows for a new key and nothing is set synchronously inside the effect.
 */
export function useApiResult<T>(key: string, request: () => Promise<T>): { result: ApiResult<T>; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [stored, setStored] = useState<{ key: string; attempt: number; result: ApiResult<T> } | null>(null);
  const tag = `${attempt}\u0000${key}`;
  useEffect(() => {
    let live = true;
    request().then(
      (value) => live && setStored({ key: tag, attempt, result: { state: 'ready', value } }),
      (err: unknown) => live && setStored({ key: tag, attempt, result: { state: 'error', message: ApiError.from(err).message } }),
    );
    return () => {
      live = false;
    };
    // `request` is a fresh closure each render; the key says when it asks something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tag]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { result: stored?.key === tag ? stored.result : { state: 'loading' }, retry };
}
