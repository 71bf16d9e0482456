// The Pulumi package schema of pulumi-bluejay, made from the kinds' descriptions (provider/kinds/*)
// and the provider's settings (provider/config.ts): every resource with its inputs, outputs, secret
// fields, what replaces and the descriptions; the lookups as functions; the provider's configuration.
// `npm run schema` writes it to schema.json; Pulumi's own binder checks it, and a Node.js SDK is
// generated from it and type-checked (tests/e2e/package-schema.test.ts).
import type { z } from "zod";
import { SETTINGS } from "../../provider/config";
import type { FieldSpec } from "../../provider/dynamic/fields";
import type { AnyResourceKind } from "../../provider/dynamic/kind";
import { toCamel } from "../../provider/client/mapping";
import { KINDS } from "../../provider/kinds/registry";
import type { AnyListing } from "../../provider/listings/listing";
import { LISTINGS } from "../../provider/listings/registry";
import { fromZod, type Shape } from "./zod-shape";

const PACKAGE = "bluejay";
const token = (name: string) => `${PACKAGE}:index:${name}`;
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A property of the schema (Pulumi's PropertySpec, in the parts this package uses). */
interface Property {
  type?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}

interface EnumType {
  type: "string";
  description: string;
  enum: { value: string }[];
}

/** Types the properties refer to (enums), by token, gathered while the properties are made. */
type Types = Record<
  string,
  EnumType | { type: "object"; description: string; properties: Record<string, Property>; required: string[] }
>;

/** A property's type: enums become named types (`bluejay:index:AgentMode`), shapes Pulumi cannot type are Any. */
function typeOf(shape: Shape, enumName: string, types: Types): Property {
  switch (shape.kind) {
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return { type: shape.kind };
    case "enum": {
      const name = token(enumName);
      types[name] ??= {
        type: "string",
        description: `One of ${shape.values.map((v) => JSON.stringify(v)).join(", ")}.`,
        enum: shape.values.map((value) => ({ value })),
      };
      return { $ref: `#/types/${name}` };
    }
    case "array":
      return { type: "array", items: typeOf(shape.items, enumName, types) };
    case "map":
      return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
    default:
      // Nested objects in Bluejay's own shape (a digital human's interruptions, say), unions, any JSON.
      return { $ref: "pulumi.json#/Any" };
  }
}

function inputProperties(
  kind: AnyResourceKind,
  types: Types,
): { properties: Record<string, Property>; required: string[] } {
  const properties: Record<string, Property> = {};
  const required: string[] = [];
  const shape = kind.inputs.shape as z.ZodRawShape;
  const fields = kind.fields as Record<string, FieldSpec>;
  const docs = kind.docs.inputs as Record<string, string>;
  for (const [name, schema] of Object.entries(shape)) {
    const field = fromZod(schema);
    const spec = fields[name];
    properties[name] = {
      ...typeOf(field.shape, `${kind.name}${pascal(name)}`, types),
      description: docs[name] ?? name,
      ...(spec?.secret ? { secret: true } : {}),
      ...(spec?.replaces ? { replaceOnChanges: true } : {}),
    };
    if (field.required) required.push(name);
  }
  const adoptId = fromZod(kind.api.id);
  properties.adoptId = {
    ...typeOf(adoptId.shape, "", types),
    description: `Adopt the existing ${kind.api.noun} with this id instead of creating one: the first \`pulumi up\` takes it over and updates it to match the other inputs.`,
  };
  return { properties, required };
}

function resource(kind: AnyResourceKind, types: Types): object {
  const inputs = inputProperties(kind, types);
  const outputs: Record<string, Property> = { ...inputs.properties };
  for (const [name, description] of Object.entries(kind.outputs)) {
    outputs[name] = {
      type: name === kind.idOutput ? "integer" : (kind.outputTypes?.[name] ?? "string"),
      description,
      ...(kind.secretOutputs.includes(name) ? { secret: true } : {}),
    };
  }
  for (const name of kind.secretOutputs)
    if (outputs[name]) outputs[name] = { ...outputs[name], secret: true };
  const notes = kind.docs.notes?.length ? `\n\n${kind.docs.notes.map((n) => `- ${n}`).join("\n")}` : "";
  return {
    description: `${kind.docs.summary}${notes}`,
    properties: outputs,
    required: [...inputs.required, ...(kind.idOutput ? [kind.idOutput] : [])],
    inputProperties: inputs.properties,
    requiredInputs: inputs.required,
  };
}

/** `get<Kind>` and, where Bluejay lists the kind, `list<Plural>`: the lookups, as functions. */
function functions(kind: AnyResourceKind, types: Types): Record<string, object> {
  const { properties, required } = resource(kind, types) as {
    properties: Record<string, Property>;
    required: string[];
  };
  const out: Record<string, object> = {};
  // A kind Bluejay can neither read nor list has no lookups, so no type of what they answer.
  if (!kind.api.read && !kind.api.list) return out;
  const info = token(`${kind.name}Info`);
  types[info] = {
    type: "object",
    description: `A ${kind.api.noun} as Bluejay answers it.`,
    properties,
    required,
  };
  if (kind.api.read) {
    const idType = typeOf(fromZod(kind.api.id).shape, "", types);
    // A kind under another (a label under its agent) is read with its parent's id too.
    const scope = kind.api.scope?.field;
    const parent = scope === undefined ? undefined : properties[scope];
    out[token(`get${kind.name}`)] = {
      description: `Reads one ${kind.api.noun} by its Bluejay id${scope ? ` and its ${scope.replace(/Id$/, "")}'s` : ""}.`,
      inputs: {
        properties: {
          ...(scope && parent
            ? {
                [scope]: {
                  ...(parent.type ? { type: parent.type } : {}),
                  description: `The id of the ${scope.replace(/Id$/, "")} it belongs to.`,
                },
              }
            : {}),
          id: { ...idType, description: `The ${kind.api.noun}'s Bluejay id.` },
        },
        required: [...(scope ? [scope] : []), "id"],
      },
      outputs: { properties, required },
    };
  }
  if (kind.api.list) {
    const filter = (kind.api.list.filter as unknown as z.ZodObject<z.ZodRawShape>).shape;
    const filterProperties: Record<string, Property> = {};
    const required: string[] = [];
    for (const [name, schema] of Object.entries(filter)) {
      const field = fromZod(schema);
      filterProperties[name] = {
        ...typeOf(field.shape, "", types),
        description: schema.description ?? `Only the ${kind.api.noun}s of this ${name.replace(/Id$/, "")}.`,
      };
      if (field.required) required.push(name);
    }
    out[token(`list${pascal(kind.api.plural)}`)] = {
      description: `Lists ${kind.api.noun}s, as Bluejay allows (every page of a paginated list).`,
      ...(Object.keys(filterProperties).length > 0
        ? { inputs: { properties: filterProperties, required } }
        : {}),
      outputs: {
        properties: {
          items: { type: "array", items: { $ref: `#/types/${info}` }, description: `The ${kind.api.noun}s.` },
        },
        required: ["items"],
      },
    };
  }
  return out;
}

/** A listing's lookup (`getPhoneNumbers`), as a function answering its items. */
function listingFunction(listing: AnyListing, types: Types): Record<string, object> {
  const properties: Record<string, Property> = {};
  const required: string[] = [];
  for (const [wireName, schema] of Object.entries(listing.item.shape)) {
    const name = toCamel(wireName);
    const field = fromZod(schema);
    properties[name] = { ...typeOf(field.shape, "", types), description: listing.fields[name] ?? name };
    if (field.required && !field.nullable) required.push(name);
  }
  const info = token(`${listing.api.name}Info`);
  types[info] = {
    type: "object",
    description: `A ${listing.api.noun} as Bluejay answers it.`,
    properties,
    required,
  };
  return {
    [token(listing.lookup)]: {
      description: listing.summary,
      outputs: {
        properties: {
          items: {
            type: "array",
            items: { $ref: `#/types/${info}` },
            description: `The ${listing.api.noun}s.`,
          },
        },
        required: ["items"],
      },
    },
  };
}

/** The provider's configuration: every setting, its type from its check, and its environment variable. */
function configuration(): {
  variables: Record<string, Property>;
  inputs: Record<string, Property & { defaultInfo?: object }>;
} {
  const variables: Record<string, Property> = {};
  const inputs: Record<string, Property & { defaultInfo?: object }> = {};
  for (const setting of SETTINGS) {
    const name = setting.config.replace(/^bluejay:/, "");
    const shape = fromZod(setting.schema as z.ZodTypeAny).shape;
    const type =
      shape.kind === "integer" || shape.kind === "number" || shape.kind === "boolean" ? shape.kind : "string";
    const secret = setting.option === "apiKey";
    const property = {
      type,
      description: `${setting.hint[0]!.toUpperCase()}${setting.hint.slice(1)}. Environment variable: \`${setting.env}\`.`,
      ...(secret ? { secret: true } : {}),
    };
    variables[name] = property;
    // The key is read from the environment by the provider itself, never written into a provider's inputs.
    inputs[name] = secret ? property : { ...property, defaultInfo: { environment: [setting.env] } };
  }
  return { variables, inputs };
}

/** The schema for the package as package.json describes it (its version and its description). */
export function packageSchema({ version, description }: { version: string; description: string }): object {
  const types: Types = {};
  const resources: Record<string, object> = {};
  const fns: Record<string, object> = {};
  for (const kind of KINDS as readonly AnyResourceKind[]) {
    resources[token(kind.name)] = resource(kind, types);
    Object.assign(fns, functions(kind, types));
  }
  for (const listing of LISTINGS) Object.assign(fns, listingFunction(listing, types));
  const config = configuration();
  return {
    name: PACKAGE,
    displayName: "Bluejay",
    version,
    description,
    keywords: ["pulumi", "bluejay", "category/utility"],
    homepage: "https://getbluejay.ai",
    license: "MIT",
    publisher: "pulumi-bluejay",
    config: { variables: config.variables },
    provider: {
      description: "Where Bluejay is and how to reach it.",
      inputProperties: config.inputs,
    },
    types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
    resources,
    functions: fns,
    language: { nodejs: { packageName: "@pulumi-bluejay/sdk", respectSchemaVersion: true } },
  };
}
