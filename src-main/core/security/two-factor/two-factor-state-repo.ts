import type { SqliteDatabase } from '../../store/sqlite.js';

export type TwoFactorStatus = 'off' | 'pending' | 'on';

export interface TwoFactorState {
  status: TwoFactorStatus;
  /** The last time step whose code was accepted; codes of this step or older are replays. */
  lastUsedStep: number | null;
  /** Wrong codes in a row since the last accepted one or the last lockout. */
  failedAttempts: number;
  lockedUntil: string | null;
  enabledAt: string | null;
}

interface Row {
  status: TwoFactorStatus;
  last_used_step: number | null;
  failed_attempts: number;
  locked_until: string | null;
  enabled_at: string | null;
}

const OFF: TwoFactorState = { status: 'off', lastUsedStep: null, failedAttempts: 0, lockedUntil: null, enabledAt: null };

/** The one-row table of two-factor state (migration 0005). Everything except the secret. */
export class TwoFactorStateRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  read(): TwoFactorState {
    const row = this.db.prepare('SELECT status, last_used_step, failed_attempts, locked_until, enabled_at FROM two_factor_state WHERE id = 1').get() as Row | undefined;
    if (!row) return { ...OFF };
    return { status: row.status, lastUsedStep: row.last_used_step, failedAttempts: row.failed_attempts, lockedUntil: row.locked_until, enabledAt: row.enabled_at };
  }

  write(patch: Partial<TwoFactorState>): TwoFactorState {
    const next = { ...this.read(), ...patch };
    this.db
      .prepare(
        `INSERT INTO two_factor_state (id, status, last_used_step, failed_attempts, locked_until, enabled_at, updated_at)
         VALUES (1, @status, @lastUsedStep, @failedAttempts, @lockedUntil, @enabledAt, @updatedAt)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, last_used_step = excluded.last_used_step, failed_attempts = excluded.failed_attempts,
           locked_until = excluded.locked_until, enabled_at = excluded.enabled_at, updated_at = excluded.updated_at`,
      )
      .run({ ...next, updatedAt: this.now().toISOString() });
    return next;
  }
}
