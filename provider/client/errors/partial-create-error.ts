import { BluejayError } from "./bluejay-error";

/**
 * The resource exists in Bluejay but a later step of `create` failed. Pulumi's dynamic-provider
 * host reads `id` and `properties` from the thrown error and records the resource as created, so it
 * stays tracked (the next `pulumi up` finishes the job) instead of being orphaned.
 */
export class BluejayPartialCreateError extends BluejayError {
  override name = "BluejayPartialCreateError";
  readonly kind: string;
  readonly id: string;
  readonly properties: Record<string, unknown>;

  /** `step` completes "…, but … failed", e.g. "reading it back". */
  constructor(
    kind: string,
    id: string,
    properties: Record<string, unknown>,
    cause: Error,
    step = "setting its declared values",
  ) {
    super(
      `${kind} ${id} is now managed by Pulumi, but ${step} failed: ${cause.message} The next \`pulumi up\` finishes the job.`,
      { cause },
    );
    this.kind = kind;
    this.id = id;
    this.properties = properties;
  }
}
