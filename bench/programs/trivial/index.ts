// The benchmark's baseline: the environment of bench/programs/shared/environment.ts, with
// `bench-trivial:records` records, made of dynamic resources whose inline provider makes no HTTP call.
// What `pulumi up`, `refresh` and `destroy` cost here is the engine's and the dynamic-provider host's
// own cost, which the benchmark (bench/verdicts.ts) holds the Bluejay program's timings against. The
// inline provider keeps the shape Pulumi documents (async methods, untyped inputs): its source is
// serialized into the state whose size the benchmark reports, so it stays as measured.
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-unsafe-assignment */
import * as pulumi from "@pulumi/pulumi";
import { declareEnvironment, type Make } from "../shared/environment";

const config = new pulumi.Config();
const records = config.requireNumber("records");

const trivialProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const ref = Math.floor(Math.random() * 1e9);
    return { id: String(ref), outs: { ...inputs, ref } };
  },
  async diff() {
    return { changes: false };
  },
  async read(id, props) {
    return { id, props };
  },
};

class Trivial extends pulumi.dynamic.Resource {
  declare readonly ref: pulumi.Output<unknown>;
  constructor(kind: string, name: string, props: pulumi.Inputs) {
    super(trivialProvider, name, { ...props, ref: undefined }, undefined, "bench", kind);
  }
}

// Referred to as in the Bluejay program: a folder by its name, the rest by a whole number.
const make: Make = (kind, name, inputs) => {
  const resource = new Trivial(kind, name, inputs);
  return { ref: kind === "Folder" ? resource.ref.apply(() => inputs.name) : resource.ref };
};

export const shape = declareEnvironment(records, make, config.requireSecret("websocketPassword"));
