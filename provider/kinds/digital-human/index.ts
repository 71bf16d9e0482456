// The DigitalHuman resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor } from "../../lookups";
import { digitalHumanKind, type DigitalHuman as Entity, type DigitalHumanInputs } from "./kind";

export type {
  DigitalHuman as GetDigitalHumanResult,
  DigitalHumanInputs,
  CreateDigitalHumanInput,
  UpdateDigitalHumanInput,
} from "./kind";

/** The type Pulumi records for digital humans: `pulumi-nodejs:dynamic/bluejay:DigitalHuman`. */
export const DIGITAL_HUMAN_TYPE = typeToken(digitalHumanKind.name);

export type DigitalHumanArgs = KindArgs<DigitalHumanInputs, number>;
export type DigitalHumanOutputs = KindOutputs<
  DigitalHumanInputs,
  Entity,
  "digitalHumanId" | "createdAt",
  number
>;

/** A Bluejay digital human: a simulated caller with an intent and success criteria. */
export const DigitalHuman = resourceClass<DigitalHumanArgs, DigitalHumanOutputs>(digitalHumanKind);
export type DigitalHuman = InstanceType<typeof DigitalHuman>;

const lookups = lookupsFor(digitalHumanKind);
/** Reads one digital human by its whole-number id. */
export const getDigitalHuman = lookups.get;
/** `getDigitalHuman` taking an Input id and returning an Output. */
export const getDigitalHumanOutput = lookups.getOutput;
/** Lists the digital humans of one simulation (Bluejay lists them only by simulation). */
export const listDigitalHumans = lookups.list;
