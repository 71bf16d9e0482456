// The CustomerTrait resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor } from "../../lookups";
import { customerTraitKind, type CustomerTrait as Entity, type CustomerTraitInputs } from "./kind";

export type {
  CustomerTrait as GetCustomerTraitResult,
  CustomerTraitInputs,
  CreateCustomerTraitInput,
  UpdateCustomerTraitInput,
} from "./kind";
export type { TraitDataType } from "./wire";

/** The type Pulumi records for customer traits: `pulumi-nodejs:dynamic/bluejay:CustomerTrait`. */
export const CUSTOMER_TRAIT_TYPE = typeToken(customerTraitKind.name);

export type CustomerTraitArgs = KindArgs<CustomerTraitInputs, string>;
export type CustomerTraitOutputs = KindOutputs<CustomerTraitInputs, Entity, "createdAt", string>;

/** A Bluejay customer trait of an agent: a new agent replaces it; the default must fit its data type. */
export const CustomerTrait = resourceClass<CustomerTraitArgs, CustomerTraitOutputs>(customerTraitKind);
export type CustomerTrait = InstanceType<typeof CustomerTrait>;

const lookups = lookupsFor(customerTraitKind);
/** Reads one customer trait by its UUID. */
export const getCustomerTrait = lookups.get;
/** `getCustomerTrait` taking an Input id and returning an Output. */
export const getCustomerTraitOutput = lookups.getOutput;
/** Lists the customer traits of the workspace, or of one agent. */
export const listCustomerTraits = lookups.list;
