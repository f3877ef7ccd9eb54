import { methods, type MethodName, type MethodOutput } from '../../../src-preload/contract.js';
import { StewardError, toStewardError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import type { CallContext } from '../core-types.js';
import type { EventBus } from '../events.js';
import type { AuditLog } from '../store/audit-log.js';
import { summariseAuditArgs } from '../store/audit-summary.js';
import { explainStorageError } from '../store/store-errors.js';
import type { Logger } from '../logging/logger.js';
import type { StewardDatabase } from '../store/database.js';
import type { Handler, HandlerDeps, HandlerTable } from './handlers.js';
import { actingPerson } from '../people/acting-person.js';
import { ensurePersonMayCall } from '../people/person-methods.js';
import { guardConversations } from '../people/conversation-guard.js';

/**
 * The single entry point for every request from every host: validate against the contract,
 * run the handler, audit state changes. For synchronous handlers the change, its audit row and
 * the release of its events happen in one transaction, so nothing is reported that wasn't saved.
 */
export class Dispatcher {
  constructor(
    private readonly table: HandlerTable,
    private readonly deps: () => HandlerDeps,
    private readonly db: StewardDatabase,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    private readonly host: { log: Logger; dataFolder: string },
  ) {}

  async call<M extends MethodName>(method: M, input: unknown, context: CallContext): Promise<MethodOutput<M>> {
    const spec = methods[method] as (typeof methods)[MethodName] | undefined;
    if (!spec) throw new StewardError('not_found', `Unknown request "${String(method)}". Update the app, or check the method name.`);
    const parsed = parseOrThrow(spec.input, input ?? {}, `request "${method}"`) as never;
    // A signed-in person other than the owner makes only the requests their work needs (people/person-methods.ts).
    if (context.personId) ensurePersonMayCall(actingPerson(this.deps().core, context), method, spec.mutates === true);
    // Conversations are per person: a person touches only their own, the owner reads everyone's (people/conversation-access.ts).
    const visible = guardConversations(this.deps().core, this.db.raw, context, { method, input: parsed, mutates: spec.mutates === true });
    const handler = this.table[method] as Handler<M>;
    const record = (result: 'ok' | 'error', detail: string | null) => {
      if (spec.mutates) this.audit.append({ actor: context.actor, action: method, args: summariseAuditArgs(parsed), result, detail });
    };

    if (handler.kind === 'sync') {
      try {
        return this.events.deferWhile(() =>
          this.db.transaction(() => {
            const output = visible(handler.run(parsed, this.deps(), context));
            record('ok', null);
            return output;
          }),
        );
      } catch (caught) {
        const err = this.explain(caught);
        this.recordFailure(spec.mutates, context, method, parsed, err);
        throw err;
      }
    }
    try {
      const output = visible(await handler.run(parsed, this.deps(), context));
      record('ok', null);
      return output;
    } catch (caught) {
      const err = this.explain(caught);
      this.recordFailure(spec.mutates, context, method, parsed, err);
      throw err;
    }
  }

  /** A full disk or a read-only data folder is said as such, not as "something went wrong". */
  private explain(err: unknown): unknown {
    const storage = explainStorageError(this.host.dataFolder, err);
    if (storage) this.host.log.error(storage.userMessage, err);
    return storage ?? err;
  }

  /** A failed change is audited too (after its rollback), naming the error code but no internals. */
  private recordFailure(mutates: boolean, context: CallContext, method: string, args: unknown, err: unknown): void {
    if (!mutates) return;
    try {
      this.audit.append({ actor: context.actor, action: method, args: summariseAuditArgs(args), result: 'error', detail: toStewardError(err).code });
    } catch (auditErr) {
      this.host.log.error(`could not audit a failed ${method} request`, auditErr);
    }
  }
}
