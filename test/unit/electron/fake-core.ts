/**
 * A small stand-in for the parts of Core the desktop shell uses (call, request, events). Payloads
 * are validated against the real contract schemas, exactly as the core's dispatcher does, and
 * settings live in memory with the real schema and a settings.changed event on update.
 */
import { methods, SettingsSchema, type MethodName, type Settings } from '../../../src-preload/contract.js';
import type { CallContext } from '../../../src-main/core/core-types.js';
import { StewardError } from '../../../src-main/core/errors.js';
import { EventBus } from '../../../src-main/core/events.js';
import { deepMerge } from '../../../src-main/core/store/settings-store.js';
import { parseOrThrow } from '../../../src-main/core/validation.js';
import type { ShellCore } from '../../../src-main/electron/shell-core.js';

export interface FakeCore extends ShellCore {
  readonly calls: { method: MethodName; input: unknown; context: CallContext }[];
  settings: Settings;
  /** Makes the next settings.update fail, as a locked database would. */
  failNextUpdate: boolean;
}

export function createFakeCore(initial: Record<string, unknown> = {}): FakeCore {
  const events = new EventBus();
  const fake = {
    calls: [] as FakeCore['calls'],
    settings: SettingsSchema.parse(initial),
    failNextUpdate: false,
    events,
  };
  const call = async (method: MethodName, input: unknown, context: CallContext): Promise<unknown> => {
    const parsed = parseOrThrow(methods[method].input, input ?? {}, `request "${method}"`) as Record<string, unknown>;
    fake.calls.push({ method, input: parsed, context });
    switch (method) {
      case 'settings.get':
        return structuredClone(fake.settings);
      case 'settings.update': {
        if (fake.failNextUpdate) {
          fake.failNextUpdate = false;
          throw new StewardError('internal', 'The database is busy; try again.');
        }
        fake.settings = SettingsSchema.parse(deepMerge(fake.settings as unknown as Record<string, unknown>, parsed.patch as Record<string, unknown>));
        events.emit({ type: 'settings.changed', settings: structuredClone(fake.settings) });
        return structuredClone(fake.settings);
      }
      case 'chat.send':
        return {
          conversationId: 'c1',
          message: { id: 'm1', conversationId: 'c1', role: 'user', agent: null, text: parsed.text, status: 'complete', createdAt: '2025-01-01T00:00:00.000Z' },
        };
      default:
        return null;
    }
  };
  return Object.assign(fake, {
    call: call as ShellCore['call'],
    request: ((method: MethodName, input: unknown, context: CallContext = { actor: 'test' }) => call(method, input, context)) as ShellCore['request'],
  });
}
