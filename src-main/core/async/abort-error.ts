/** What an aborted wait rejects with: the abort's own reason when it is an Error, so callers can tell cancel from timeout. */
export function abortErrorOf(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error('aborted');
}
