// Pulumi's placeholder for a value that is not known yet (during preview, an output of a resource
// still to be created). Dynamic providers see it as this exact string.
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

/** True when the value is unknown, or is a list or object holding an unknown anywhere inside. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
