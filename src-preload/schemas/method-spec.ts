/**
 * The shape of one contract method and the pieces every schema module builds its methods from.
 * Each `*_METHODS` table in schemas/ is spread into contract.ts `methods`, and its method names
 * go into channels.ts METHOD_NAMES (a compile-time check in contract.ts keeps the two equal).
 */
import { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** State-changing methods write an audit row. */
  mutates: boolean;
}

export const spec = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, mutates = false): MethodSpec<I, O> => ({ input, output, mutates });

/** The input of a method that takes nothing: `{}` and no unknown keys. */
export const Empty = z.object({}).strict();
