// Ordered end-to-end steps: each starts where the one before ended, so once one fails the later ones
// fail at once, naming it, instead of failing for its reasons.

/** Returns `step(name, run, timeoutMs?)`: a jest test that runs only while every earlier step has passed. */
export function orderedSteps(): (name: string, run: () => Promise<void>, timeoutMs?: number) => void {
  let failed: string | undefined;
  return (name, run, timeoutMs) =>
    test(
      name,
      async () => {
        if (failed) throw new Error(`not run: it starts where step "${failed}" ended, and that step failed`);
        try {
          await run();
        } catch (error) {
          failed = name;
          throw error;
        }
      },
      timeoutMs,
    );
}
