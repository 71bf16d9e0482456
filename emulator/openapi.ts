// Bluejay's OpenAPI description, read by the emulator at start (the committed copy in openapi/): every
// route the emulator serves is an operation of the document, its requests are validated with the
// document's own schemas (path, query and body, as FastAPI would), and its answers are written in the
// document's response shape. The emulator takes no shape from the client: it is a second, independent
// reading of the contract.
import * as fs from "fs";
import * as path from "path";
import {
  anyValue,
  bool,
  dict,
  enumOf,
  int,
  list,
  literal,
  model,
  num,
  optional,
  required,
  requiredNullable,
  str,
  union,
  uuid,
  type Field,
  type Fields,
  type ModelValidator,
  type Validator,
} from "./validation";

/** A JSON Schema node of the document (OpenAPI 3.1: JSON Schema 2020-12). */
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
  title?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  /** A regular expression a string must match (pydantic's `pattern`). */
  pattern?: string;
}

interface ParameterNode {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: SchemaNode;
}

interface OperationNode {
  parameters?: ParameterNode[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaNode }> };
  responses: Record<string, { content?: Record<string, { schema: SchemaNode }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationNode>>;
  components: { schemas: Record<string, SchemaNode> };
}

/** One operation, ready to validate requests and shape answers. */
export interface Operation {
  method: string;
  path: string;
  params: Fields;
  query: Fields;
  /** Absent when the operation takes no body. */
  body?: ModelValidator<Fields>;
  /**
   * The body FastAPI uses when none is sent, where the body is optional (not `required`): the
   * schema's default, or `{}`. Absent where a body is required.
   */
  bodyWhenNone?: unknown;
  /** The schema of the 200 answer. */
  answer: SchemaNode;
}

const DOCUMENT_PATH = ["openapi", "bluejay-openapi.json"];

/** The committed document, found from this module's folder (the sources and the built package alike). */
export function loadDocument(): OpenApiDocument {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, ...DOCUMENT_PATH);
    if (fs.existsSync(candidate)) return JSON.parse(fs.readFileSync(candidate, "utf8")) as OpenApiDocument;
  }
  throw new Error(`Bluejay's OpenAPI description (${DOCUMENT_PATH.join("/")}) is missing from this package.`);
}

export class Contract {
  private readonly models = new Map<string, ModelValidator<Fields>>();

  constructor(readonly document: OpenApiDocument) {}

  /** The operation at `method path`; a route the document lacks is a bug, caught at start. */
  operation(method: string, route: string): Operation {
    const node = this.document.paths[route]?.[method.toLowerCase()];
    if (!node) throw new Error(`Bluejay's OpenAPI description has no ${method} ${route}.`);
    const parameters = node.parameters ?? [];
    const fieldsIn = (where: "path" | "query"): Fields => {
      const fields: Fields = {};
      for (const p of parameters.filter((p) => p.in === where)) {
        fields[p.name] = this.field(p.schema, p.required === true);
      }
      return fields;
    };
    const bodySchema = node.requestBody?.content["application/json"]?.schema;
    const optionalBody = bodySchema !== undefined && node.requestBody?.required !== true;
    const answer = node.responses["200"]?.content?.["application/json"]?.schema ?? {};
    return {
      method,
      path: route,
      params: fieldsIn("path"),
      query: fieldsIn("query"),
      ...(bodySchema ? { body: this.bodyModel(bodySchema) } : {}),
      ...(optionalBody ? { bodyWhenNone: structuredClone(bodySchema.default ?? {}) } : {}),
      answer,
    };
  }

  /** A named schema of the document. */
  schema(name: string): SchemaNode {
    const found = this.document.components.schemas[name];
    if (!found) throw new Error(`Bluejay's OpenAPI description has no schema ${name}.`);
    return found;
  }

  /**
   * A value in the shape of `schema`, as FastAPI writes a response model: every declared property,
   * a missing one as its default or null; properties the schema does not declare are left out.
   */
  shape(value: unknown, schema: SchemaNode): unknown {
    if (value === null || value === undefined) return null;
    const inner = this.resolve(nonNull(this.resolve(schema)));
    if (inner.type === "array" && Array.isArray(value) && inner.items) {
      const items = inner.items;
      return value.map((item) => this.shape(item, items));
    }
    if (inner.properties && isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(inner.properties)) {
        const held = value[name];
        if (held !== undefined) out[name] = this.shape(held, property);
        else if (property.default !== undefined) out[name] = structuredClone(property.default);
        else if (isNullable(this.resolve(property))) out[name] = null;
      }
      return out;
    }
    return value;
  }

  private bodyModel(schema: SchemaNode): ModelValidator<Fields> {
    const name = refName(schema);
    const node = this.resolve(schema);
    return this.model(name ?? node.title ?? "Body", node);
  }

  private model(name: string, node: SchemaNode): ModelValidator<Fields> {
    const known = this.models.get(name);
    if (known) return known;
    const fields: Fields = {};
    // Registered before its fields are built, so a schema that refers to itself does not loop.
    const built = model(name, fields);
    this.models.set(name, built);
    const needed = new Set(node.required ?? []);
    for (const [field, property] of Object.entries(node.properties ?? {})) {
      fields[field] = this.field(property, needed.has(field));
    }
    return built;
  }

  /** A field: its validator, and whether it may be absent, null, or filled with a default. */
  private field(
    schema: SchemaNode,
    isRequired: boolean,
  ): Field<unknown, "required" | "optional" | "default"> {
    const nullable = isNullable(this.resolve(schema));
    const validator = this.validator(schema);
    if (isRequired) return nullable ? requiredNullable(validator) : required(validator);
    if (schema.default !== undefined) {
      const fallback = schema.default;
      return { validator, presence: "default", nullable, fallback: () => structuredClone(fallback) };
    }
    return optional(validator);
  }

  /** The validator of a schema node, pydantic's lax rules included ("7" is an int). */
  private validator(schema: SchemaNode): Validator<unknown> {
    const name = refName(schema);
    const node = this.resolve(schema);
    if (node.anyOf) {
      const members = node.anyOf.filter((member) => member.type !== "null");
      if (members.length === 1) return this.validator(members[0]!);
      const named: Record<string, Validator<unknown>> = {};
      members.forEach((member, i) => (named[refName(member) ?? `member${i}`] = this.validator(member)));
      return union(named);
    }
    // A named enum is a Python Enum (pydantic's `enum` error); an inline one is a Literal.
    if (node.enum) {
      const values = node.enum.map(String);
      return name ? enumOf(values) : literal(...values);
    }
    if (typeof node.const === "string") return literal(node.const);
    switch (node.type) {
      case "string":
        return node.format === "uuid"
          ? uuid()
          : str({
              ...(node.minLength === undefined ? {} : { min: node.minLength }),
              ...(node.maxLength === undefined ? {} : { max: node.maxLength }),
              ...(node.pattern === undefined ? {} : { pattern: node.pattern }),
            });
      case "integer":
        return int(bounds(node));
      case "number":
        return num(bounds(node));
      case "boolean":
        return bool();
      case "array":
        return list(node.items ? this.validator(node.items) : anyValue());
      case "object":
        if (node.properties) return this.model(name ?? node.title ?? "Object", node);
        return dict(
          isObject(node.additionalProperties) ? this.validator(node.additionalProperties) : anyValue(),
        );
      default:
        // `{}`: any JSON value.
        return anyValue();
    }
  }

  /** A node with its `$ref` followed. */
  resolve(schema: SchemaNode): SchemaNode {
    const name = refName(schema);
    return name ? this.schema(name) : schema;
  }
}

function refName(schema: SchemaNode): string | undefined {
  return schema.$ref?.replace(/^#\/components\/schemas\//, "");
}

function isNullable(node: SchemaNode): boolean {
  return node.type === "null" || (node.anyOf ?? []).some((member) => member.type === "null");
}

/** The one non-null member of an `anyOf` with null, or the node itself. */
function nonNull(node: SchemaNode): SchemaNode {
  const members = (node.anyOf ?? []).filter((member) => member.type !== "null");
  return members.length === 1 ? members[0]! : node;
}

function bounds(node: SchemaNode): { ge?: number; gt?: number; le?: number } {
  return {
    ...(node.minimum === undefined ? {} : { ge: node.minimum }),
    ...(node.exclusiveMinimum === undefined ? {} : { gt: node.exclusiveMinimum }),
    ...(node.maximum === undefined ? {} : { le: node.maximum }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

let shared: Contract | undefined;

/** The contract every emulator shares: the document is read once per process. */
export function contract(): Contract {
  return (shared ??= new Contract(loadDocument()));
}
