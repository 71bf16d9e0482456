// A kind's reference page (docs/reference/<kind>.md), made from its description in the style of a
// Pulumi registry page: what it is, an example, every input (type, required, what a change does, what
// removing it does), the outputs, secrets, adoption, lookups, the traps, deleting, and the Bluejay
// operations behind it. `npm run docs` writes every page; a unit test fails when one is stale.
import * as prettier from "prettier";
import type { z } from "zod";
import type { FieldSpec } from "../../provider/dynamic/fields";
import type { Actions } from "../../provider/client/operations";
import type { AnyResourceKind } from "../../provider/dynamic/kind";
import { typeToken } from "../../provider/dynamic/stub";
import { KINDS } from "../../provider/kinds/registry";
import { fromZod, type Shape } from "./zod-shape";

/** "a schedule", "an alert". */
const a = (noun: string) => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const quoted = (values: readonly string[]) => values.map((v) => `\`${JSON.stringify(v)}\``);

/** "a, b or c". */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** The page's file name for a kind: `digital-human.md`. */
export function referenceFile(kind: AnyResourceKind): string {
  return `${kind.name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}.md`;
}

/** A type in words, for a table cell. Enums of more than four values are listed below the table. */
function typeText(shape: Shape, lists: Map<string, string[]>, name: string): string {
  switch (shape.kind) {
    case "string":
      return shape.format === "uuid" ? "`string`: a UUID" : "`string`";
    case "integer":
      return "whole number";
    case "number":
      return "number";
    case "boolean":
      return "`boolean`";
    case "enum":
      if (shape.values.length <= 4) return either(quoted(shape.values));
      lists.set(name, shape.values);
      return "a value from the list below";
    case "array": {
      if (shape.items.kind === "object" || shape.items.kind === "union")
        return "list of nested objects (below)";
      const item = typeText(shape.items, lists, name);
      const plural: Record<string, string> = {
        "`string`": "strings",
        "whole number": "whole numbers",
        number: "numbers",
        "`boolean`": "booleans",
        object: "objects",
        "`string`: a UUID": "UUIDs",
      };
      return `list of ${plural[item] ?? item}`;
    }
    case "map":
      return "object";
    case "union":
      // A value of one of several plain types (a trait's default): named in the cell.
      if (shape.members.every(isScalar)) return either(shape.members.map((m) => typeText(m, lists, name)));
      return "nested object (below)";
    case "object":
      return "nested object (below)";
    default:
      return "any JSON value";
  }
}

const isScalar = (shape: Shape): boolean => ["string", "integer", "number", "boolean"].includes(shape.kind);

/** A nested object's keys in Bluejay's snake_case (`?` marks an optional key). */
function nested(shape: Shape): string | undefined {
  if (shape.kind === "array") return nested(shape.items);
  if (shape.kind === "union" && shape.members.every(isScalar)) return undefined;
  if (shape.kind === "union")
    return shape.members.map((m) => nested(m) ?? typeText(m, new Map(), "")).join(", or ");
  if (shape.kind !== "object") return undefined;
  const keys = Object.entries(shape.fields).map(([key, field]) => {
    const value =
      field.shape.kind === "enum" ? `: ${field.shape.values.map((v) => JSON.stringify(v)).join(" | ")}` : "";
    return `${key}${field.required ? "" : "?"}${value}`;
  });
  return `\`{ ${keys.join(", ")} }\``;
}

/** What removing an input does, by its field spec. */
function removing(spec: FieldSpec | undefined, required: boolean): string {
  if (required) return "—";
  // What only a replace changes is replaced when it is removed, where removing it is a change at all.
  if (spec?.replaces && (spec.cleared !== undefined || spec.compare === "text")) return "**replaces**";
  if (spec?.cleared !== undefined) return `sends \`${JSON.stringify(spec.cleared)}\``;
  if (spec?.compare === "text") return 'sends `""`';
  return "no change";
}

export function referencePage(kind: AnyResourceKind): string {
  const shape = kind.inputs.shape as z.ZodRawShape;
  const fields = kind.fields as Record<string, FieldSpec>;
  const docs = kind.docs.inputs as Record<string, string>;
  const lists = new Map<string, string[]>();
  const nestedRows: string[] = [];
  const rows = Object.entries(shape).map(([name, schema]) => {
    const field = fromZod(schema);
    const spec = fields[name];
    const marks = [
      spec?.compare === "set" ? "a set" : "",
      spec?.secret ? "secret" : "",
      spec?.writeOnly ? "write-only" : "",
    ]
      .filter(Boolean)
      .join(", ");
    const type = `${typeText(field.shape, lists, name)}${marks ? `, ${marks}` : ""}`;
    const inner = nested(field.shape);
    if (inner) nestedRows.push(`- \`${name}\`: ${inner}`);
    const change = spec?.replaces ? "**replaces**" : "updates";
    return [
      `\`${name}\``,
      type,
      field.required ? "yes" : "no",
      change,
      removing(spec, field.required),
      docs[name] ?? "",
    ];
  });
  const adoptId = fromZod(kind.api.id).shape;
  const idWords =
    adoptId.kind === "integer"
      ? "whole-number id"
      : adoptId.kind === "string" && adoptId.format === "uuid"
        ? "UUID"
        : "id";
  rows.push([
    "`adoptId`",
    adoptId.kind === "integer"
      ? `whole number: ${a(kind.api.noun)} id`
      : `\`string\`: ${a(kind.api.noun)} ${idWords === "UUID" ? "UUID" : "id"}`,
    "no",
    "see adoption",
    "no change",
    `Adopt an existing ${kind.api.noun} instead of creating one.`,
  ]);
  const table = [
    "| Input | Type | Required | On change | Removing it | Description |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ];

  const secrets = [
    ...Object.entries(fields)
      .filter(([, spec]) => spec.secret)
      .map(([name]) => name),
    ...kind.secretOutputs,
  ].filter((name, i, all) => all.indexOf(name) === i);
  const api = kind.api;
  const operations = [
    `- create: \`${api.create.method} ${api.create.path}\`${api.create.readBack ? ", then a read" : ""}`,
    api.read ? `- read: \`${api.read.method} ${api.read.path}\`` : "- read: none (Bluejay offers no read)",
    api.update
      ? `- update: \`${api.update.method} ${api.update.path}\``
      : kind.update
        ? "- update: none of its own: what changes in place goes through the operations below"
        : "- update: none (every change replaces)",
    `- delete: \`${api.delete.method} ${api.delete.path}\``,
    ...(api.list ? listRequests(api.list).map((request) => `- list: \`${request}\``) : []),
    ...Object.entries((api.actions ?? {}) as Actions).map(
      ([name, action]) => `- ${name}: \`${action.method} ${action.path}${actionQuery(action)}\``,
    ),
  ];
  const getName = `get${kind.name}`;
  const listName = `list${pascal(api.plural)}`;
  // A kind under another is read with its parent's id first, as its path names them.
  const getArgs = api.scope ? `${api.scope.field}, id` : "id";
  const lookups = [
    ...(api.read
      ? [
          `- \`${getName}(${getArgs})\`: reads one ${api.noun} (a Promise).`,
          `- \`${getName}Output(${getArgs})\`: the same, taking ${api.scope ? "Inputs" : "an Input"} and returning an Output; a secret when the ${api.noun} holds one.`,
        ]
      : []),
    ...(api.list ? [`- \`${listName}(…)\`: lists them, as Bluejay allows.`] : []),
  ];
  const refusals = (kind.deleteRefusals ?? []).map((r) =>
    r.kept
      ? `- Bluejay refuses (${r.status}) when ${r.because}. The destroy goes on: the resource leaves the stack, Bluejay keeps the ${api.noun}${kind.release ? ", what the resource put on it is undone" : ""}, and a warning says so. ${r.fix}`
      : `- Bluejay refuses (${r.status}) when ${r.because}: the error is a \`BluejayDeleteRefusedError\` saying so. ${r.fix}`,
  );

  return [
    `# ${kind.name}`,
    "",
    "<!-- Generated from provider/kinds by `npm run docs`: edit the kind's description, not this page. -->",
    "",
    kind.docs.summary,
    "",
    "```ts",
    kind.docs.example,
    "```",
    "",
    `Type token: \`${typeToken(kind.name)}\`.`,
    "",
    "## Inputs",
    "",
    ...table,
    ...(lists.size > 0
      ? [
          "",
          "Value lists:",
          "",
          ...[...lists].map(([name, values]) => `- \`${name}\`: ${either(quoted(values))}.`),
        ]
      : []),
    ...(nestedRows.length > 0
      ? ["", "Nested objects, in Bluejay's snake_case shapes (`?` marks an optional key):", "", ...nestedRows]
      : []),
    "",
    "## Outputs",
    "",
    "Every input as Bluejay holds it, plus:",
    "",
    ...Object.entries(kind.outputs).map(([name, description]) => `- \`${name}\`: ${description}`),
    ...(secrets.length > 0
      ? [
          "",
          "## Secrets",
          "",
          `${either(secrets.map((s) => `\`${s}\``))} ${secrets.length > 1 ? "are" : "is"} stored as Pulumi secrets, however the program passes ${secrets.length > 1 ? "them" : "it"}.`,
        ]
      : []),
    "",
    "## Adoption",
    "",
    api.read
      ? `\`adoptId\` takes the ${api.noun}'s ${idWords}. The first \`pulumi up\` reads it and updates only what differs from the declaration; nothing new is created.`
      : `\`adoptId\` takes the ${api.noun}'s ${idWords}. Bluejay offers no read of ${a(api.noun)}, so nothing tells what differs: the first \`pulumi up\` sends one update with every input that updates in place, each one left out as what removing it sends, and records the answer; nothing new is created. An id that names nothing fails there with \`BluejayAdoptionError\`.`,
    ...(api.read
      ? []
      : [
          "",
          "## Refresh",
          "",
          `Bluejay offers no read of ${a(api.noun)}: state keeps what Pulumi last sent, and \`pulumi refresh\` cannot see a change made in Bluejay, nor ${a(api.noun)} deleted there (the next update of it then fails with a 404 saying what to do). Every run that declares or refreshes one warns of it once. Change ${api.noun}s only through Pulumi; to bring one changed in Bluejay back to the program's values, re-adopt it: \`pulumi state delete <urn>\`, then \`pulumi up\` with \`adoptId\` set to its id.`,
        ]),
    "",
    "## Lookups",
    "",
    ...(lookups.length > 0
      ? lookups
      : ["None: Bluejay offers no read or list of this kind (no GET), so there is nothing to look up."]),
    ...(kind.docs.notes?.length
      ? ["", "## What the provider hides, and the traps", "", ...kind.docs.notes.map((n) => `- ${n}`)]
      : []),
    "",
    "## Deleting",
    "",
    `Removing the resource deletes the ${api.noun} in Bluejay; one already gone counts as deleted. Use Pulumi's \`retainOnDelete: true\` to keep it.`,
    ...(refusals.length > 0 ? ["", ...refusals] : []),
    "",
    "## Bluejay operations",
    "",
    ...operations,
    "",
  ].join("\n");
}

/**
 * The list's requests: with no filter where Bluejay allows it, and with each optional filter, the
 * values named. A required filter (a kind's parent) is in every one.
 */
function listRequests(list: NonNullable<AnyResourceKind["api"]["list"]>): string[] {
  const shape = (list.filter as unknown as z.ZodObject<z.ZodRawShape>).shape;
  const names = Object.keys(shape);
  // Each filter's stand-in value, of its type, told apart by its place.
  const sentinel = (i: number) => 987654321 + i;
  const value = (name: string) => {
    const i = names.indexOf(name);
    return fromZod(shape[name]!).shape.kind === "string" ? `s${sentinel(i)}` : sentinel(i);
  };
  const required = names.filter((name) => !shape[name]!.isOptional());
  const base = Object.fromEntries(required.map((name) => [name, value(name)]));
  const filters: Record<string, unknown>[] =
    required.length === 0 && list.filter.safeParse({}).success ? [{}] : [];
  if (required.length > 0) filters.push(base);
  for (const name of names.filter((n) => !required.includes(n)))
    filters.push({ ...base, [name]: value(name) });
  return filters.map((filter) => {
    const request = list.request(filter);
    const query = Object.entries(request.query ?? {}).map(([key, v]) => `${key}=${v}`);
    let text = `${request.method} ${request.path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
    for (const name of Object.keys(filter))
      text = text.replace(new RegExp(`s?${sentinel(names.indexOf(name))}`), `{${name}}`);
    return text;
  });
}

/** An action's query, its values named by the path's way: `?prompt_id={prompt_id}`. */
function actionQuery(action: Actions[string]): string {
  const keys = Object.keys(action.query?.(new Proxy({}, { get: () => "" })) ?? {});
  return keys.length > 0 ? `?${keys.map((key) => `${key}={${key}}`).join("&")}` : "";
}

/** Every kind's page, by file name, formatted as the repository's Prettier settings format Markdown. */
export async function referencePages(): Promise<[string, string][]> {
  const config = (await prettier.resolveConfig(__filename)) ?? {};
  const pages: [string, string][] = [];
  for (const kind of KINDS as readonly AnyResourceKind[]) {
    pages.push([
      referenceFile(kind),
      await prettier.format(referencePage(kind), { ...config, parser: "markdown" }),
    ]);
  }
  return pages;
}
