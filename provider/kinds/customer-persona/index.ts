// The CustomerPersona resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor } from "../../lookups";
import { customerPersonaKind, type CustomerPersona as Entity, type CustomerPersonaInputs } from "./kind";

export type {
  CustomerPersona as GetCustomerPersonaResult,
  CustomerPersonaInputs,
  CreateCustomerPersonaInput,
  UpdateCustomerPersonaInput,
} from "./kind";

/** The type Pulumi records for customer personas: `pulumi-nodejs:dynamic/bluejay:CustomerPersona`. */
export const CUSTOMER_PERSONA_TYPE = typeToken(customerPersonaKind.name);

export type CustomerPersonaArgs = KindArgs<CustomerPersonaInputs, string>;
export type CustomerPersonaOutputs = KindOutputs<
  CustomerPersonaInputs,
  Entity,
  "createdAt" | "organizationId",
  string
>;

/** A Bluejay customer persona of an agent: a new agent replaces it. */
export const CustomerPersona = resourceClass<CustomerPersonaArgs, CustomerPersonaOutputs>(
  customerPersonaKind,
);
export type CustomerPersona = InstanceType<typeof CustomerPersona>;

const lookups = lookupsFor(customerPersonaKind);
/** Reads one customer persona by its UUID (Bluejay's answer does not say its agent). */
export const getCustomerPersona = lookups.get;
/** `getCustomerPersona` taking an Input id and returning an Output. */
export const getCustomerPersonaOutput = lookups.getOutput;
/** Lists the customer personas of one agent (Bluejay lists them only by agent). */
export const listCustomerPersonas = lookups.list;
