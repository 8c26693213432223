// Queries of a fixed shape compiled once per database. Kysely builds and compiles every query anew,
// which costs more than running a primary-key lookup; the hottest queries (site and story lookups on
// every read, author history on every post) reuse their compiled SQL and only swap the parameters.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './db.js';

const marker = (i: number): string => `\u0001parley-parameter-${i}\u0001`;

interface Plan {
  sql: string;
  /** For each parameter of the compiled query: the argument index, or the constant it had. */
  slots: ({ arg: number } | { value: unknown })[];
}

/**
 * `build` receives the database and one placeholder string per argument; write the query as usual,
 * passing the placeholders where the values go (constants such as limits stay constants).
 * Returns a function that runs the query with real arguments.
 */
export function preparedQuery<Row, N extends number>(
  arity: N,
  build: (db: Db, ...args: string[]) => Compilable<Row>,
): (db: Db, ...args: string[]) => Promise<Row[]> {
  const plans = new WeakMap<Db, Plan>();
  const planFor = (db: Db): Plan => {
    let plan = plans.get(db);
    if (!plan) {
      const markers = Array.from({ length: arity }, (_, i) => marker(i));
      const compiled = build(db, ...markers).compile();
      const slots = compiled.parameters.map((value) => {
        const arg = typeof value === 'string' ? markers.indexOf(value) : -1;
        return arg >= 0 ? { arg } : { value };
      });
      plan = { sql: compiled.sql, slots };
      plans.set(db, plan);
    }
    return plan;
  };
  return async (db, ...args) => {
    if (args.length !== arity) throw new Error(`prepared query expects ${arity} argument(s), got ${args.length}`);
    const plan = planFor(db);
    const parameters = plan.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(plan.sql, parameters) as CompiledQuery<Row>);
    return result.rows;
  };
}
