/**
 * Events memory emits. `memory.question` and `memory.changed` are new event types for the
 * contract's stream (see src-preload/schemas/memory.ts); `notification` is the existing one.
 */
import type { z } from 'zod';
import type { MemoryChangedEventSchema, MemoryQuestionEventSchema } from '../../../src-preload/schemas/memory.js';
import type { MemoryLogger } from './memory-log.js';

export type MemoryEvent =
  | z.infer<typeof MemoryQuestionEventSchema>
  | z.infer<typeof MemoryChangedEventSchema>
  | { type: 'notification'; level: 'info' | 'success' | 'warning' | 'error'; title: string; body: string };

export type MemoryEventSink = (event: MemoryEvent) => void;

/** Wraps a sink so a throwing listener cannot break a write that already committed. */
export function safeSink(sink: MemoryEventSink | undefined, log: MemoryLogger): MemoryEventSink {
  return (event) => {
    try {
      sink?.(event);
    } catch (err) {
      log.warn('an event listener failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
