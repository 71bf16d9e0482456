// Several communities for one environment, declared in stack config so dev, staging and prod
// stacks share this program and differ only in their Pulumi.<stack>.yaml:
//
//   config:
//     bluejay-environment:communities:
//       support: { title: "Support callers", digitalHumanIds: [101, 102] }
//       billing: { title: "Billing callers", description: "Refunds and invoices" }
import * as pulumi from "@pulumi/pulumi";
import { Community, type CommunityArgs } from "pulumi-bluejay";

const config = new pulumi.Config();
const declared = config.requireObject<Record<string, CommunityArgs>>("communities");
const prefix = config.get("titlePrefix") ?? `[${pulumi.getStack()}] `;

const communities = Object.entries(declared).map(
  ([name, args]) =>
    [name, new Community(name, { ...args, title: pulumi.interpolate`${prefix}${args.title}` })] as const,
);

const byName = <T>(pick: (c: Community) => pulumi.Output<T>) =>
  Object.fromEntries(communities.map(([name, community]) => [name, pick(community)]));

export const ids = byName((c) => c.id);
export const titles = byName((c) => c.title);
export const createdAt = byName((c) => c.createdAt);
export const digitalHumanIds = byName((c) => c.digitalHumanIds);
