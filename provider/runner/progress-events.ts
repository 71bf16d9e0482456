// What `runSimulations` tells its caller while it works (`onProgress`): the command draws its progress
// display from these, and a library caller may log them.

/** A run, as progress names it. */
export interface RunRef {
  simulationId: number;
  simulationName: string;
  simulationRunId: number;
  /** How many digital humans call in it. */
  calls: number;
}

export type ProgressEvent =
  /** A run was queued (or, with `runIds`, found). */
  | { type: "queued"; run: RunRef }
  /** Waiting begins for these runs. */
  | { type: "waiting"; runs: RunRef[]; timeoutMs: number }
  /** A poll saw a run's status or count of ended calls change. */
  | { type: "status"; run: RunRef; status: string; ended: number; elapsedMs: number }
  /** A run ended (COMPLETED, INCOMPLETED or INSUFFICIENT_FUNDS). */
  | { type: "ended"; run: RunRef; status: string; elapsedMs: number }
  /** A poll failed for a reason that may pass; it is tried again. */
  | { type: "poll-failed"; simulationId: number; message: string; retryInMs: number };
