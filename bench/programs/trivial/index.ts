// The benchmark's baseline: one trivial dynamic resource per entry of `bench-trivial:communities`
// (the same JSON the Bluejay program reads), with an inline provider that makes no HTTP call. What
// `pulumi up`, `refresh` and `destroy` cost here is the engine's and the dynamic-provider host's
// own cost, which the benchmark (bench/report.ts) subtracts from the Bluejay program's timings.
// The inline provider keeps the shape Pulumi documents (async methods, untyped inputs): its source is
// serialized into the state whose size the benchmark reports, so it stays as measured.
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-unsafe-assignment */
import * as pulumi from "@pulumi/pulumi";

interface Declared {
  title: string;
  description?: string;
  digitalHumanIds?: number[];
}

const config = new pulumi.Config();
const declared = config.requireObject<Record<string, Declared>>("communities");
const prefix = config.get("titlePrefix") ?? "";

const trivialProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: String(Math.random()), outs: inputs };
  },
  async diff() {
    return { changes: false };
  },
  async read(id, props) {
    return { id, props };
  },
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, props: pulumi.Inputs) {
    super(trivialProvider, name, props, undefined, "bench", "Trivial");
  }
}

const resources = Object.entries(declared).map(
  ([name, args]) => [name, new Trivial(name, { ...args, title: `${prefix}${args.title}` })] as const,
);

export const ids = Object.fromEntries(resources.map(([name, resource]) => [name, resource.id]));
