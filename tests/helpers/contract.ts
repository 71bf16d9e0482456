// Bluejay's OpenAPI description as the contract tests read it: the committed copy (openapi/), its
// schemas in one plain form, the client's zod schemas in the same form, and a comparison of the two
// that reports every difference by path. Also a JSON Schema validator for answers (ajv, independent
// of the emulator's own reading of the document) and sample values made from a schema.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as path from "path";
import { fromZod, type Nullable, type Shape, type ZodField } from "../../scripts/lib/zod-shape";

export { fromZod };

export interface SchemaNode {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: SchemaNode;
}

interface OperationNode {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: SchemaNode }> };
  responses: Record<string, { content?: Record<string, { schema: SchemaNode }> }>;
}

export interface Document {
  paths: Record<string, Record<string, OperationNode>>;
  components: { schemas: Record<string, SchemaNode> };
}

export const DOCUMENT_FILE = path.resolve(__dirname, "../../openapi/bluejay-openapi.json");

export function loadDocument(): Document {
  return JSON.parse(fs.readFileSync(DOCUMENT_FILE, "utf8")) as Document;
}

/** The operation at a method and path template, or undefined. */
export function operation(doc: Document, method: string, template: string): OperationNode | undefined {
  return doc.paths[template]?.[method.toLowerCase()];
}

/** The path template of the document a concrete path matches, e.g. `/v1/agents/7` → `/v1/agents/{agent_id}`. */
export function templateOf(doc: Document, method: string, concrete: string): string | undefined {
  return Object.keys(doc.paths).find(
    (template) =>
      operation(doc, method, template) !== undefined &&
      new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`).test(concrete),
  );
}

export const requestSchema = (op: OperationNode): SchemaNode | undefined =>
  op.requestBody?.content["application/json"]?.schema;
export const answerSchema = (op: OperationNode): SchemaNode | undefined =>
  op.responses["200"]?.content?.["application/json"]?.schema;

// ---- one plain form for both readings ----

export function fromDocument(doc: Document, node: SchemaNode, seen: string[] = []): Nullable {
  if (node.$ref) {
    const name = node.$ref.replace("#/components/schemas/", "");
    // A schema that refers to itself is compared once, at its first level.
    if (seen.includes(name)) return { shape: { kind: "any" }, nullable: false };
    return fromDocument(doc, doc.components.schemas[name]!, [...seen, name]);
  }
  if (node.anyOf) {
    const members = node.anyOf.filter((m) => m.type !== "null");
    const nullable = members.length < node.anyOf.length;
    if (members.length === 1) return { shape: fromDocument(doc, members[0]!, seen).shape, nullable };
    return {
      shape: { kind: "union", members: members.map((m) => fromDocument(doc, m, seen).shape) },
      nullable,
    };
  }
  if (node.enum) return { shape: { kind: "enum", values: node.enum.map(String).sort() }, nullable: false };
  if (typeof node.const === "string")
    return { shape: { kind: "enum", values: [node.const] }, nullable: false };
  switch (node.type) {
    case "string":
      return {
        shape: node.format === "uuid" ? { kind: "string", format: "uuid" } : { kind: "string" },
        nullable: false,
      };
    case "integer":
    case "number":
    case "boolean":
      return { shape: { kind: node.type }, nullable: false };
    case "array":
      return {
        shape: { kind: "array", items: fromDocument(doc, node.items ?? {}, seen).shape },
        nullable: false,
      };
    case "object": {
      if (!node.properties) return { shape: { kind: "map" }, nullable: false };
      const required = new Set(node.required ?? []);
      const fields: Record<string, { shape: Shape; required: boolean; nullable: boolean }> = {};
      for (const [name, property] of Object.entries(node.properties)) {
        const { shape, nullable } = fromDocument(doc, property, seen);
        fields[name] = { shape, nullable, required: required.has(name) };
      }
      return { shape: { kind: "object", fields }, nullable: false };
    }
    default:
      return { shape: { kind: "any" }, nullable: false };
  }
}

/**
 * Every difference between the client's zod reading (`client`) and the document's (`contract`), by
 * path: a field one has and the other lacks, required or not, nullable or not, a type, an enum value.
 * A string the client checks as a UUID where the document declares a plain string is no difference.
 */
export function differences(client: ZodField | Nullable, contract: Nullable, at: string): string[] {
  const out: string[] = [];
  // Any JSON value includes null: there is nothing to tell apart.
  const anyValue = client.shape.kind === "any" || contract.shape.kind === "any";
  if (client.nullable !== contract.nullable && !anyValue) {
    out.push(`${at}: nullable in ${contract.nullable ? "the document" : "the client"} only`);
  }
  out.push(...shapeDifferences(client.shape, contract.shape, at));
  return out;
}

function shapeDifferences(client: Shape, contract: Shape, at: string): string[] {
  if (contract.kind === "any") return [];
  if (client.kind !== contract.kind)
    return [`${at}: ${describe(contract)} in the document, ${describe(client)} in the client`];
  switch (contract.kind) {
    case "string":
      return contract.format === "uuid" && (client as { format?: string }).format !== "uuid"
        ? [`${at}: a UUID in the document, any string in the client`]
        : [];
    case "enum": {
      const mine = (client as { values: string[] }).values;
      const missing = contract.values.filter((v) => !mine.includes(v));
      const extra = mine.filter((v) => !contract.values.includes(v));
      return [
        ...missing.map((v) => `${at}: enum value ${JSON.stringify(v)} only in the document`),
        ...extra.map((v) => `${at}: enum value ${JSON.stringify(v)} only in the client`),
      ];
    }
    case "array":
      return shapeDifferences((client as { items: Shape }).items, contract.items, `${at}[]`);
    case "union": {
      const members = (client as { members: Shape[] }).members;
      if (members.length !== contract.members.length) {
        return [
          `${at}: ${contract.members.length} alternatives in the document, ${members.length} in the client`,
        ];
      }
      return contract.members.flatMap((m, i) => shapeDifferences(members[i]!, m, `${at}<${i}>`));
    }
    case "object": {
      const mine = (client as { fields: Record<string, ZodField> }).fields;
      const out: string[] = [];
      for (const [name, field] of Object.entries(contract.fields)) {
        const other = mine[name];
        if (!other) {
          out.push(`${at}.${name}: only in the document`);
          continue;
        }
        if (other.required !== field.required) {
          out.push(`${at}.${name}: required in ${field.required ? "the document" : "the client"} only`);
        }
        out.push(...differences(other, field, `${at}.${name}`));
      }
      for (const name of Object.keys(mine))
        if (!(name in contract.fields)) out.push(`${at}.${name}: only in the client`);
      return out;
    }
    default:
      return [];
  }
}

function describe(shape: Shape): string {
  return shape.kind === "map"
    ? "a free-form object"
    : `${/^[aeiou]/.test(shape.kind) ? "an" : "a"} ${shape.kind}`;
}

// ---- answers ----

/** Validates values against schemas of the document, with JSON Schema 2020-12 and formats. */
export function answerValidator(doc: Document): (value: unknown, schema: SchemaNode) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "bluejay", components: doc.components }, "bluejay");
  return (value, schema) => {
    const rooted = JSON.parse(
      JSON.stringify(schema).replace(/"#\/components/g, '"bluejay#/components'),
    ) as object;
    const validate = ajv.compile(rooted);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
  };
}

// ---- sample values ----

/** A value the schema accepts (required fields only, the first enum value, a UUID for a uuid). */
export function sample(doc: Document, node: SchemaNode): unknown {
  if (node.$ref) return sample(doc, doc.components.schemas[node.$ref.replace("#/components/schemas/", "")]!);
  if (node.anyOf)
    return sample(
      doc,
      node.anyOf.find((m) => m.type !== "null")!,
    );
  if (node.enum) return node.enum[0];
  if (node.const !== undefined) return node.const;
  switch (node.type) {
    case "string":
      return node.format === "uuid"
        ? "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10"
        : node.format === "date-time"
          ? "2026-12-01T10:00:00Z"
          : "text";
    case "integer":
      return Math.max(1, node.minimum ?? 1, (node.exclusiveMinimum ?? 0) + 1);
    case "number":
      return node.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object": {
      const out: Record<string, unknown> = {};
      for (const name of node.required ?? []) out[name] = sample(doc, node.properties![name]!);
      return out;
    }
    default:
      return "any";
  }
}
