// The Simulation resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor } from "../../lookups";
import { simulationKind, type Simulation as Entity, type SimulationInputs } from "./kind";

export type {
  Simulation as GetSimulationResult,
  SimulationSummary,
  SimulationInputs,
  CreateSimulationInput,
  UpdateSimulationInput,
} from "./kind";

/** The type Pulumi records for simulations: `pulumi-nodejs:dynamic/bluejay:Simulation`. */
export const SIMULATION_TYPE = typeToken(simulationKind.name);

export type SimulationArgs = KindArgs<SimulationInputs, number>;
export type SimulationOutputs = KindOutputs<
  SimulationInputs,
  Entity,
  "simulationId" | "createdAt" | "type",
  number
>;

/** A Bluejay simulation of an agent: a new agent, `sequentialCalling` or `alwaysOn` replaces it. */
export const Simulation = resourceClass<SimulationArgs, SimulationOutputs>(simulationKind);
export type Simulation = InstanceType<typeof Simulation>;

const lookups = lookupsFor(simulationKind);
/** Reads one simulation by its whole-number id. */
export const getSimulation = lookups.get;
/** `getSimulation` taking an Input id and returning an Output. */
export const getSimulationOutput = lookups.getOutput;
/**
 * Lists simulations, optionally one agent's. Bluejay lists a summary of each: `simulationId`, `name`,
 * `agentId`, `createdAt` and `settings` (read one with `getSimulation` for the rest).
 */
export const listSimulations = lookups.list;
