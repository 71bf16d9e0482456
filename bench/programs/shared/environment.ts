// The benchmark's environment, shaped like examples/bootstrap (a folder, the agent under test, its
// simulations, the digital humans that call it, communities of them, and the metrics that grade the
// calls) at any size, most of it digital humans. Both benchmark programs build it from this one
// description, each with its own resources: bench/programs/bluejay with the package's, and
// bench/programs/trivial with dynamic resources whose provider makes no HTTP call. So the two differ
// only in the provider. Ids flow as in the example: folder → agent → simulations → digital humans →
// communities, and agent → metrics. No input holds a secret but the agent's websocket password.
import type * as pulumi from "@pulumi/pulumi";

export type Kind = "Folder" | "Agent" | "Simulation" | "DigitalHuman" | "Community" | "CustomMetric";

/** How many of each kind an environment of `records` records holds. */
export interface Shape {
  Folder: number;
  Agent: number;
  Simulation: number;
  DigitalHuman: number;
  Community: number;
  CustomMetric: number;
}

/**
 * One folder and one agent; a simulation per 120 records; a community and a metric per 20 (at least
 * two of each, as in the example); digital humans for the rest. 12 records: 1, 1, 1, 5, 2, 2.
 */
export function shapeOf(records: number): Shape {
  if (!Number.isInteger(records) || records < 12) {
    throw new Error(`An environment of ${records} records is too small: 12 at least, as examples/bootstrap.`);
  }
  const simulations = Math.max(1, Math.round(records / 120));
  const pools = Math.max(2, Math.round(records / 20));
  const digitalHumans = records - 2 - simulations - 2 * pools;
  return {
    Folder: 1,
    Agent: 1,
    Simulation: simulations,
    DigitalHuman: digitalHumans,
    Community: pools,
    CustomMetric: pools,
  };
}

/** What a program makes a resource with; `ref` is what other resources refer to it by. */
export type Make = (
  kind: Kind,
  name: string,
  inputs: Record<string, unknown>,
) => { ref: pulumi.Output<unknown> };

const ACCENTS = ["american", "british", "indian", "australian", "mexican", "german"];
const LANGUAGES = ["en", "en", "en", "es", "de", "fr"];
/** Digital humans per community. */
const POOL = 5;

/** Declares the environment of `records` records with `make`; `password` is the agent's secret. */
export function declareEnvironment(
  records: number,
  make: Make,
  password: pulumi.Input<string>,
  prefix = "",
): Shape {
  const shape = shapeOf(records);
  const folder = make("Folder", "team", { name: `${prefix}Bench support` });
  const agent = make("Agent", "support-bot", {
    name: `${prefix}Support bot`,
    folder: folder.ref,
    systemPrompt: "You are the support line of Acme.",
    knowledgeBase: "Refunds take 5 days.",
    goals: ["Resolve billing questions"],
    connectionType: "WEBSOCKET",
    websocketUrl: "wss://agents.example.com/support",
    websocketUsername: "bluejay",
    websocketPassword: password,
  });
  const simulations = Array.from({ length: shape.Simulation }, (_, i) =>
    make("Simulation", `nightly-${i}`, {
      agentId: agent.ref,
      name: `${prefix}Nightly regression ${i}`,
      description: `Support scenarios, batch ${i}`,
      maxConcurrent: 3,
    }),
  );
  const humans = Array.from({ length: shape.DigitalHuman }, (_, i) =>
    make("DigitalHuman", `caller-${i}`, {
      phoneNumber: `+1555${String(1_000_000 + i).padStart(7, "0")}`,
      name: `${prefix}Caller ${i}`,
      intent: `Disputes charge number ${i} on their bill`,
      successCriteria: "The agent offers a refund",
      gender: i % 2 === 0 ? "male" : "female",
      accent: ACCENTS[i % ACCENTS.length],
      language: LANGUAGES[i % LANGUAGES.length],
      verbosity: "medium",
      interruptions: { type: "none" },
      simulationIds: [simulations[i % simulations.length]!.ref],
    }),
  );
  for (let i = 0; i < shape.Community; i++) {
    const members = Array.from({ length: POOL }, (_, j) => humans[(i * POOL + j) % humans.length]!.ref);
    make("Community", `pool-${i}`, {
      title: `${prefix}Callers pool ${i}`,
      description: `Callers of pool ${i}`,
      digitalHumanIds: members,
    });
  }
  for (let i = 0; i < shape.CustomMetric; i++) {
    make("CustomMetric", `metric-${i}`, {
      name: `${prefix}Metric ${i}`,
      description: `Did the agent handle scenario ${i}?`,
      responseType: "yes_no",
      agentIds: [agent.ref],
    });
  }
  return shape;
}
