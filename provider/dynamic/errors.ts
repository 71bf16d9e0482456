// Errors the resource lifecycle raises itself (the client's errors live in provider/client/errors).
import { BluejayError, type BluejayApiError } from "../client/errors";
import { sentence } from "../client/errors/bluejay-error";
import type { DeleteRefusal } from "./kind";

export { BluejayPartialCreateError } from "../client/errors";

/**
 * `adoptId` names nothing that Bluejay holds, or an object that is not the one declared (`mismatch`
 * says how, and what to do): nothing was adopted or created.
 */
export class BluejayAdoptionError extends BluejayError {
  override name = "BluejayAdoptionError";
  readonly kind: string;
  readonly adoptId: string;

  /** `shownBy` says where the person finds ids: by default the kind's lookups. */
  constructor(
    kind: string,
    adoptId: string,
    cause: BluejayApiError | string,
    shownBy = `the get${kind}/list lookups show them`,
  ) {
    super(
      typeof cause === "string"
        ? `adoptId ${adoptId} names a ${kind} that does not match the declaration: ${cause}. Nothing was adopted or created.`
        : `adoptId ${adoptId} names no ${kind} in Bluejay (${cause.method} ${cause.path} answered ${cause.status}). ` +
            `Set adoptId to the id of an existing ${kind} (${shownBy}), or remove adoptId to create a new one.`,
      typeof cause === "string" ? undefined : { cause },
    );
    this.kind = kind;
    this.adoptId = adoptId;
  }
}

/** The dynamic-provider host called the runtime in a way this version does not know: nothing was done. */
export class BluejayRoutingError extends BluejayError {
  override name = "BluejayRoutingError";
  /** The argument types received, e.g. `["string", "object", "object", "object"]`. */
  readonly shape: readonly string[];

  constructor(kind: string, shape: string[]) {
    super(
      `pulumi-bluejay cannot tell which ${kind} provider method Pulumi called (arguments: ${shape.join(", ") || "none"}); ` +
        "nothing was sent to Bluejay. This @pulumi/pulumi is newer than this pulumi-bluejay knows: upgrade pulumi-bluejay, " +
        "or pin @pulumi/pulumi to the version it was released with.",
    );
    this.shape = shape;
  }
}

/** Bluejay refused a delete for a reason the kind knows (something still depends on it): nothing was deleted. */
export class BluejayDeleteRefusedError extends BluejayError {
  override name = "BluejayDeleteRefusedError";
  readonly kind: string;
  readonly id: string;
  readonly status: number;
  /** The refusal it matched: what the kind knows of it. */
  readonly refusal: DeleteRefusal;

  constructor(kind: string, id: string, refusal: DeleteRefusal, cause: BluejayApiError) {
    const said = cause.detail ? `: ${cause.detail}` : "";
    super(
      `Bluejay refused to delete ${kind} ${id}: ${refusal.because} (${cause.method} ${cause.path} answered ${cause.status}${said}). ` +
        `Nothing was deleted. ${refusal.fix}`,
      { cause },
    );
    this.kind = kind;
    this.id = id;
    this.status = cause.status;
    this.refusal = refusal;
  }

  /**
   * The warning for a refusal the kind marks `kept`: the delete counts as done, and this says what
   * Bluejay kept, why, what was undone on it (`released`), and what does remove it.
   */
  keptWarning(described: string, released: string | undefined): string {
    const cause = this.cause as BluejayApiError;
    const said = cause.detail ? `: ${cause.detail}` : "";
    const undone = released ? ` ${sentence(released)}` : "";
    return (
      `Bluejay kept ${described}: ${this.refusal.because} (${cause.method} ${cause.path} answered ${cause.status}${said}). ` +
      `It leaves the stack but stays in Bluejay.${undone} ${this.refusal.fix}`
    );
  }
}
