export { BluejayError, BluejayRequestFailure, asError, type RequestContext } from "./bluejay-error";
export { BluejayApiError, formatFieldError, type ApiErrorDetails, type ResourceRef } from "./api-error";
export { BluejayResponseError } from "./response-error";
export { BluejayNetworkError } from "./network-error";
export { BluejayRedirectError } from "./redirect-error";
export { BluejayConfigError } from "./config-error";
export { BluejayInputError } from "./input-error";
export { BluejayAmbiguousCreateError } from "./ambiguous-create-error";
export { BluejayPartialCreateError } from "./partial-create-error";
