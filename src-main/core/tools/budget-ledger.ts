import type { EventBus } from '../events.js';
import type { Clock } from '../ports.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { SettingsStore } from '../store/settings-store.js';
import { BudgetExceededError } from './framework-errors.js';

/** Money spent by tools and models, per day and per task; budgets are checked against it before anything runs. */
export class BudgetLedger {
  private sessionUsd = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly settings: SettingsStore,
  ) {}

  /** Local calendar day: "today" is what the user calls today. */
  private day(at = this.clock.now()): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  }

  spentToday(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(amount_usd), 0) AS s FROM cost_ledger WHERE day = ?').get(this.day()) as { s: number }).s;
  }

  spentForTask(taskId: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(amount_usd), 0) AS s FROM cost_ledger WHERE task_id = ?').get(taskId) as { s: number }).s;
  }

  /** Throws BudgetExceededError when spending `estimateUsd` more would cross the task or daily limit. */
  check(estimateUsd: number, taskId: string | null): void {
    const { perTaskUsd, dailyUsd } = this.settings.get().budgets;
    const today = this.spentToday();
    if (today + estimateUsd > dailyUsd + 1e-9) throw new BudgetExceededError('daily', dailyUsd, today, estimateUsd);
    if (taskId) {
      const task = this.spentForTask(taskId);
      if (task + estimateUsd > perTaskUsd + 1e-9) throw new BudgetExceededError('task', perTaskUsd, task, estimateUsd);
    }
  }

  /** Records a cost and tells every host. Zero costs (local models, free tools) write nothing. */
  record(entry: { amountUsd: number; source: string; taskId: string | null; conversationId: string | null }): void {
    if (!(entry.amountUsd > 0)) return;
    const at = this.clock.now();
    this.db
      .prepare('INSERT INTO cost_ledger (at, day, task_id, conversation_id, source, amount_usd) VALUES (?, ?, ?, ?, ?, ?)')
      .run(at.toISOString(), this.day(at), entry.taskId, entry.conversationId, entry.source, entry.amountUsd);
    this.sessionUsd += entry.amountUsd;
    this.events.emit({ type: 'cost.updated', sessionUsd: this.sessionUsd, todayUsd: this.spentToday(), dailyBudgetUsd: this.settings.get().budgets.dailyUsd });
  }
}
