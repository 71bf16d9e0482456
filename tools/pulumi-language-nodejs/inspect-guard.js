// Preloaded into every program this language host runs (main.go passes it in NODE_OPTIONS).
//
// Since nodejs/node#59446 (Node.js 20.19.6 and later), util.inspect(err, { colors: true }) loops
// when a stack frame's path ends inside a node_modules package name (nodejs/node#64011, fixed by
// #64022; 20.x keeps the bug). That is what @pulumi/pulumi's source maps make of every frame in its
// top-level files (`node_modules/@pulumi/output.ts:516:31`), and its run script formats each
// uncaught error that way, twice: each call grows a string to V8's limit (25-30 s), throws, and
// falls back to plain text. So a program failing inside an apply took some 45 s to report. For just
// those errors we format without colors from the start: the text the SDK prints after its fallback.
"use strict";

const util = require("util");

const inspect = util.inspect;

// Whether Node's markNodeModules (lib/internal/util/inspect.js) never ends on `line`: the same
// scan, which moves on to where the package name ends, or back to 0 when no separator follows it.
function markingLoops(line) {
  const visited = new Set();
  for (let from = 0; !visited.has(from);) {
    visited.add(from);
    const at = line.indexOf("node_modules", from);
    if (at === -1) {
      return false;
    }
    const separator = line[at - 1];
    const after = line[at + "node_modules".length];
    if ((separator !== "/" && separator !== "\\") || (after !== "/" && after !== "\\")) {
      from = at + 1;
      continue;
    }
    const start = at + "node_modules".length + 1;
    let end = line.indexOf(separator, start);
    if (line[start] === "@") {
      end = line.indexOf(separator, end + 1);
    }
    from = Math.max(end, 0);
  }
  return true;
}

/** Whether inspecting `value` in color would loop: it, its causes or aggregated errors. */
function hasLoopingFrame(value, seen) {
  if (!(util.types.isNativeError(value) || value instanceof Error) || seen.has(value)) {
    return false;
  }
  seen.add(value);
  let stack;
  try {
    stack = value.stack;
  } catch {
    return false;
  }
  if (typeof stack === "string" && stack.split("\n").some(markingLoops)) {
    return true;
  }
  // Only data properties: inspect shows getters without calling them, so neither do we.
  const cause = Object.getOwnPropertyDescriptor(value, "cause");
  const errors = Object.getOwnPropertyDescriptor(value, "errors");
  return (
    (cause !== undefined && hasLoopingFrame(cause.value, seen)) ||
    (errors !== undefined &&
      Array.isArray(errors.value) &&
      errors.value.some((error) => hasLoopingFrame(error, seen)))
  );
}

function guardedInspect(value, options) {
  // The legacy signature is inspect(value, showHidden, depth, colors).
  const legacy = typeof options !== "object" || options === null;
  const colors = legacy
    ? arguments.length >= 4
      ? arguments[3]
      : inspect.defaultOptions.colors
    : (options.colors ?? inspect.defaultOptions.colors);
  if (!colors || !hasLoopingFrame(value, new Set())) {
    return Reflect.apply(inspect, this, arguments);
  }
  const plain = legacy
    ? { showHidden: options === true, ...(arguments.length >= 3 ? { depth: arguments[2] } : {}) }
    : options;
  return inspect(value, { ...plain, colors: false });
}

// Keep inspect.custom, .colors, .styles and .defaultOptions (an accessor) exactly as they are.
Object.defineProperties(guardedInspect, Object.getOwnPropertyDescriptors(inspect));
util.inspect = guardedInspect;
// `import { inspect } from "node:util"` sees the same function.
require("module").syncBuiltinESMExports();
