// One time budget for everything a call does: its attempts, its backoff, and (for a create whose
// answer was lost) the look for what it made. The budget travels with the async work, so calls made
// inside `within` share the deadline it set instead of each starting a fresh one.
import { AsyncLocalStorage } from "async_hooks";

const current = new AsyncLocalStorage<number>();

/** Runs `work` with a deadline `budgetMs` from now, unless an outer budget ends sooner. */
export function within<T>(budgetMs: number, work: () => Promise<T>): Promise<T> {
  return current.run(deadline(budgetMs), work);
}

/** When the budget in force ends: the outer one, or `budgetMs` from now, whichever is sooner. */
export function deadline(budgetMs: number): number {
  const own = Date.now() + budgetMs;
  const outer = current.getStore();
  return outer === undefined ? own : Math.min(outer, own);
}
