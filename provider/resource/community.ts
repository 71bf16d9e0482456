import * as pulumi from "@pulumi/pulumi";
import { communityProvider } from "./stub";

export interface CommunityArgs {
  /** The community's title in Bluejay. Required, non-empty. */
  title: pulumi.Input<string>;
  /** A longer description. Removing it later clears it in Bluejay. */
  description?: pulumi.Input<string>;
  /** Digital humans (test cases) in the community, by Bluejay id; a set: order does not matter. */
  digitalHumanIds?: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Adopt the existing community with this id instead of creating one: the first `pulumi up`
   * takes it over and updates it to match these inputs. Dynamic resources cannot be
   * `pulumi import`ed; this is the import path.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * A Bluejay community of digital humans. Every input updates in place; removing the resource
 * deletes the community (use the `retainOnDelete` resource option to keep it).
 */
export class Community extends pulumi.dynamic.Resource {
  // `declare` (not `!`): a class field would overwrite, after super(), the outputs Pulumi set.
  declare readonly title: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly digitalHumanIds: pulumi.Output<number[]>;
  /** When Bluejay created the community (ISO 8601). */
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly adoptId: pulumi.Output<string | undefined>;

  constructor(name: string, args: CommunityArgs, opts?: pulumi.CustomResourceOptions) {
    // Outputs must be named in the inputs (as undefined) for Pulumi to populate them after `up`.
    // (title is a required input, so it is always present.)
    const props = {
      description: undefined,
      digitalHumanIds: undefined,
      createdAt: undefined,
      adoptId: undefined,
      ...args,
    };
    super(communityProvider, name, props, opts, "bluejay", "Community");
  }
}
