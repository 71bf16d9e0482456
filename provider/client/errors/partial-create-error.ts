import { BluejayError, sentence } from "./bluejay-error";

/**
 * The resource exists in Bluejay but a later step of `create` failed. Pulumi's dynamic-provider
 * host reads `id`, `properties` and `reasons` from the thrown error and records the resource as
 * created, so it stays tracked and the next `pulumi up` finishes it in place (no second create).
 */
export class BluejayPartialCreateError extends BluejayError {
  override name = "BluejayPartialCreateError";
  readonly kind: string;
  readonly id: string;
  /** What Bluejay is known to hold, as recorded in state. */
  readonly properties: Record<string, unknown>;
  /** Which step failed, completing "…, but … failed", e.g. "reading it back". */
  readonly step: string;
  /** What the CLI prints of an initialization failure: this message. */
  readonly reasons: string[];

  constructor(
    kind: string,
    id: string,
    properties: Record<string, unknown>,
    cause: Error,
    step = "setting its declared values",
  ) {
    super(
      `${kind} ${id} was created in Bluejay, but ${step} failed: ${sentence(cause.message)} ` +
        `Pulumi records the ${kind} as created; the next \`pulumi up\` finishes it in place, with no second create.`,
      { cause },
    );
    this.kind = kind;
    this.id = id;
    this.properties = properties;
    this.step = step;
    this.reasons = [this.message];
  }
}
