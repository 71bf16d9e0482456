import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

/**
 * Bluejay answered with a redirect. It is not followed: the API key goes only where `bluejay:apiUrl`
 * points, never to an address a server names.
 */
export class BluejayRedirectError extends BluejayRequestFailure {
  override name = "BluejayRedirectError";
  readonly status: number;
  /** Where the redirect pointed (its `Location` header), if it said. */
  readonly location: string | undefined;

  constructor(request: RequestContext, status: number, location: string | null) {
    const shown = location === null ? "no address" : JSON.stringify(location.slice(0, 200));
    super(
      `Bluejay answered ${request.method} ${request.path} with a redirect (${status}) to ${shown}, which was not followed: ` +
        "the API key is sent only to bluejay:apiUrl. If Bluejay has moved, set bluejay:apiUrl (or BLUEJAY_API_URL) to the new address.",
      request,
    );
    this.status = status;
    this.location = location ?? undefined;
  }
}
