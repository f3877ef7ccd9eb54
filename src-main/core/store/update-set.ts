/**
 * The SET clause of a partial UPDATE: only the fields a patch names are written. Column names
 * come from code, never from input; values always travel as bound parameters.
 */
export class UpdateSet {
  private readonly assignments: string[] = [];
  readonly values: unknown[] = [];

  /** Sets `column` to `value`; undefined means "not in the patch" and writes nothing. */
  put(column: string, value: unknown): this {
    if (value !== undefined) this.assign(`${column} = ?`, value);
    return this;
  }

  /** An assignment with its own expression and one bound value, e.g. `started_at = COALESCE(started_at, ?)`. */
  assign(expression: string, value: unknown): this {
    this.assignments.push(expression);
    this.values.push(value);
    return this;
  }

  get empty(): boolean {
    return this.assignments.length === 0;
  }

  get sql(): string {
    return this.assignments.join(', ');
  }
}
