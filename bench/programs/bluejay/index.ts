// The benchmark's Bluejay program: one Community per entry of `bench-bluejay:communities`, shaped
// exactly like bench/programs/trivial (same config, same inputs, one exported map), so the only
// difference between the two timings is the Community provider and its HTTP calls.
import * as pulumi from "@pulumi/pulumi";
import { Community } from "pulumi-bluejay";

interface Declared {
  title: string;
  description?: string;
  digitalHumanIds?: number[];
}

const config = new pulumi.Config();
const declared = config.requireObject<Record<string, Declared>>("communities");
const prefix = config.get("titlePrefix") ?? "";

const resources = Object.entries(declared).map(
  ([name, args]) => [name, new Community(name, { ...args, title: `${prefix}${args.title}` })] as const,
);

export const ids = Object.fromEntries(resources.map(([name, resource]) => [name, resource.id]));
