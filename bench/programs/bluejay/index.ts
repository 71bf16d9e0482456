// The benchmark's Bluejay program: the environment of bench/programs/shared/environment.ts, with
// `bench-bluejay:records` records, made of the package's resources.
import * as pulumi from "@pulumi/pulumi";
import { Agent, Community, CustomMetric, DigitalHuman, Folder, Simulation } from "pulumi-bluejay";
import { declareEnvironment, type Make } from "../shared/environment";

const config = new pulumi.Config();
const records = config.requireNumber("records");

// The value each kind is referred to by: a folder by its name, the rest by their whole-number id.
const make: Make = (kind, name, inputs) => {
  switch (kind) {
    case "Folder":
      return { ref: new Folder(name, inputs as never).name };
    case "Agent":
      return { ref: new Agent(name, inputs as never).agentId };
    case "Simulation":
      return { ref: new Simulation(name, inputs as never).simulationId };
    case "DigitalHuman":
      return { ref: new DigitalHuman(name, inputs as never).digitalHumanId };
    case "Community":
      return { ref: new Community(name, inputs as never).id };
    case "CustomMetric":
      return { ref: new CustomMetric(name, inputs as never).id };
  }
};

export const shape = declareEnvironment(records, make, config.requireSecret("websocketPassword"));
