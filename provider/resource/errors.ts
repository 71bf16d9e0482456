import { BluejayError } from "../client/errors";

/**
 * The community exists in Bluejay but a later step of `create` failed. Pulumi's dynamic-provider
 * host reads `id` and `properties` from the thrown error and records the resource as created, so
 * the community stays tracked (the next `pulumi up` finishes the job) instead of being orphaned.
 */
export class BluejayPartialCreateError extends BluejayError {
  override name = "BluejayPartialCreateError";
  readonly id: string;
  readonly properties: Record<string, unknown>;

  constructor(id: string, properties: Record<string, unknown>, cause: Error) {
    super(
      `Community ${id} is now managed by Pulumi, but setting its declared values failed: ${cause.message}`,
      {
        cause,
      },
    );
    this.id = id;
    this.properties = properties;
  }
}
