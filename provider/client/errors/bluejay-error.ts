/** Where a failed call was going: enough to act on, never the API key. */
export interface RequestContext {
  method: string;
  /** The request path with its query string, e.g. `/v1/communities?digital_human_id=7`. */
  path: string;
}

/** Base class of every error this package throws; `instanceof BluejayError` catches them all. */
export class BluejayError extends Error {
  override name = "BluejayError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(bounded(message), options);
  }
}

/** Base class of errors raised while talking to Bluejay; they carry the request they belong to. */
export class BluejayRequestFailure extends BluejayError {
  override name = "BluejayRequestFailure";
  readonly method: string;
  readonly path: string;

  constructor(message: string, request: RequestContext, options?: { cause?: unknown }) {
    super(message, options);
    this.method = request.method;
    this.path = request.path;
  }
}

/** Anything thrown, as an Error (a cause must be one). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The longest message an error carries: a value a server or a user sent cannot make it grow past this. */
export const MAX_MESSAGE_LENGTH = 4000;

function bounded(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const cut = message.length - MAX_MESSAGE_LENGTH;
  return `${message.slice(0, MAX_MESSAGE_LENGTH)}… (message cut: ${cut} more characters)`;
}

/** A message as a sentence: ends with a full stop, so another can follow it. */
export function sentence(message: string): string {
  return /[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
}
