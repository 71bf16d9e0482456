// README.md and the kinds' reference pages (docs/reference/*.md) are what a user copies from, so
// their examples must compile and their commands must exist. Every ```ts / ```typescript block is
// type-checked, with the TypeScript compiler API, as its own file of one program set up as a default
// CommonJS Pulumi program (`strict`, as `pulumi new typescript` makes it) in which `pulumi-bluejay`
// resolves to this repo's sources. A block that is deliberately partial is skipped only when its page
// marks it, on the line before its fence, with `<!-- not compiled: <reason> -->`; the number skipped
// is pinned below.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "../..");
const README = "README.md";
const readme = fs.readFileSync(path.join(root, README), "utf8");
/** Every page whose examples are compiled: the README, then each kind's reference page. */
const PAGES = [
  README,
  ...fs
    .readdirSync(path.join(root, "docs", "reference"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/reference/${f}`),
];
const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
};

/** How many TypeScript blocks the README marks `not compiled`. Change it only with the README. */
const EXPECTED_SKIPPED = 0;

const TS_LANGS = new Set(["ts", "typescript"]);
const SKIP_MARKER = /^<!--\s*not compiled:\s*(\S.*?)\s*-->$/;

interface CodeBlock {
  /** The page it is on, e.g. `README.md`. */
  file: string;
  /** The fence's info string's first word, lower-cased ("" for none). */
  lang: string;
  code: string;
  /** 1-based README line of the opening fence; the code starts on the next line. */
  line: number;
  /** The nearest heading above the block. */
  heading: string;
  /** The reason of a `not compiled` marker on the line before the fence (blank lines allowed). */
  skipReason: string | undefined;
}

/** The fenced code blocks of a Markdown text, with the heading each one sits under. */
function codeBlocks(file: string, markdown: string): { blocks: CodeBlock[]; strayMarkers: string[] } {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  const markersUsed = new Set<number>();
  const markers: number[] = [];
  let heading = "(before the first heading)";
  let open: { fence: string; indent: number; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    if (open) {
      const close = /^(\s*)(`{3,}|~{3,})\s*$/.exec(text);
      if (close && close[2]!.startsWith(open.fence) && close[2]![0] === open.fence[0]) {
        let marker: number | undefined;
        for (let i = open.line - 2; i >= 0; i--) {
          const previous = lines[i]!.trim();
          if (previous === "") continue;
          if (SKIP_MARKER.test(previous)) marker = i;
          break;
        }
        if (marker !== undefined) markersUsed.add(marker);
        blocks.push({
          file,
          lang: open.lang,
          code: open.body.map((l) => l.slice(Math.min(open!.indent, /^\s*/.exec(l)![0].length))).join("\n"),
          line: open.line,
          heading,
          skipReason: marker === undefined ? undefined : SKIP_MARKER.exec(lines[marker]!.trim())![1],
        });
        open = undefined;
      } else {
        open.body.push(text);
      }
      return;
    }
    const fence = /^(\s{0,3})(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
    if (fence) {
      open = {
        fence: fence[2]!,
        indent: fence[1]!.length,
        lang: fence[3]!.toLowerCase(),
        line: index + 1,
        body: [],
      };
      return;
    }
    const title = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(text);
    if (title) heading = title[1]!;
    if (SKIP_MARKER.test(text.trim())) markers.push(index);
  });
  if (open) throw new Error(`${file} line ${open.line}: a code block is never closed`);
  return {
    blocks,
    strayMarkers: markers.filter((m) => !markersUsed.has(m)).map((m) => `${file} line ${m + 1}`),
  };
}

const pages = PAGES.map((file) => codeBlocks(file, fs.readFileSync(path.join(root, file), "utf8")));
const blocks = pages.flatMap((page) => page.blocks);
const strayMarkers = pages.flatMap((page) => page.strayMarkers);
const tsBlocks = blocks.filter((b) => TS_LANGS.has(b.lang));
const compiled = tsBlocks.filter((b) => b.skipReason === undefined);
const skipped = tsBlocks.filter((b) => b.skipReason !== undefined);
const nameOf = (block: CodeBlock) => `${block.heading} (${block.file} line ${block.line})`;

// ---- The program: one virtual file per compiled block, beside the repo's node_modules. ----

const slashed = (p: string) => p.split(path.sep).join("/");
const snippetFile = (block: CodeBlock) =>
  `${slashed(root)}/doc-snippets/${block.file.replace(/[/.]/g, "-")}-line-${block.line}.ts`;

/** What `pulumi new typescript` sets up (CommonJS, strict), plus the mapping to this repo's sources. */
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  // Each block is a file of its own, even one without an import or export.
  moduleDetection: ts.ModuleDetectionKind.Force,
  types: ["node"],
  noEmit: true,
  baseUrl: root,
  paths: { "pulumi-bluejay": ["provider/index.ts"], "pulumi-bluejay/emulator": ["emulator/index.ts"] },
};

function createProgram(): ts.Program {
  const sources = new Map(compiled.map((b) => [snippetFile(b), b.code]));
  const host = ts.createCompilerHost(OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = sources.get(fileName);
    return text === undefined
      ? getSourceFile(fileName, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => sources.has(fileName) || fileExists(fileName);
  host.readFile = (fileName) => sources.get(fileName) ?? readFile(fileName);
  return ts.createProgram({ rootNames: [...sources.keys()], options: OPTIONS, host });
}

/** A diagnostic, placed at its README line when it is in a block. */
function formatDiagnostic(diagnostic: ts.Diagnostic, block?: CodeBlock): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  const where =
    diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
      : undefined;
  let place = diagnostic.file ? path.relative(root, diagnostic.file.fileName) : "(program)";
  if (block && where) place = `${block.file}:${block.line + 1 + where.line}:${where.character + 1}`;
  else if (where) place += `:${where.line + 1}:${where.character + 1}`;
  return `${place} TS${diagnostic.code}: ${message}`;
}

describe("the TypeScript examples of the README and the reference pages compile as a strict CommonJS program", () => {
  let program: ts.Program;
  beforeAll(() => {
    program = createProgram();
  }, 60_000);

  test("every page has TypeScript examples, and every `not compiled` marker sits right above one", () => {
    // A parse that found nothing would pass every other test here.
    expect(PAGES.filter((page) => !compiled.some((b) => b.file === page))).toEqual([]);
    expect(strayMarkers.map((place) => `${place}: a marker above no code block`)).toEqual([]);
    const markedOthers = blocks.filter((b) => b.skipReason !== undefined && !TS_LANGS.has(b.lang));
    expect(markedOthers.map((b) => `${nameOf(b)} is marked but is not a ts block`)).toEqual([]);
  });

  test(`exactly ${EXPECTED_SKIPPED} examples are marked \`not compiled\``, () => {
    expect(skipped.map((b) => `${nameOf(b)}: ${b.skipReason}`)).toHaveLength(EXPECTED_SKIPPED);
  });

  test("the compiler options are valid", () => {
    expect(
      [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) => formatDiagnostic(d)),
    ).toEqual([]);
  });

  for (const block of compiled) {
    test(nameOf(block), () => {
      const file = program.getSourceFile(snippetFile(block));
      if (!file) throw new Error(`${snippetFile(block)} is not in the program`);
      const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
      expect(diagnostics.map((d) => formatDiagnostic(d, block)).join("\n")).toBe("");
    });
  }
  for (const block of skipped) {
    test.skip(`${nameOf(block)}: not compiled (${block.skipReason})`, () => undefined);
  }
});

describe(`the commands ${README} shows exist`, () => {
  test("every `npm run <script>` (and `npm test`) is a script of package.json", () => {
    const named = new Set([...readme.matchAll(/\bnpm run(?:-script)? ([\w:.-]+)/g)].map((m) => m[1]!));
    if (/\bnpm test\b/.test(readme)) named.add("test");
    expect(named.size).toBeGreaterThan(0);
    const missing = [...named].filter((script) => !Object.hasOwn(packageJson.scripts, script));
    expect(missing).toEqual([]);
  });

  test("every `npx <command>` is one of the package's bins, or pulumi", () => {
    const commands = new Set(
      [...readme.matchAll(/\bnpx((?:\s+-[\w-]+(?:=\S+)?)*)\s+([@\w./-]+)/g)].map((m) => m[2]!),
    );
    expect(commands.size).toBeGreaterThan(0);
    const known = new Set([...Object.keys(packageJson.bin), "pulumi"]);
    expect([...commands].filter((command) => !known.has(command))).toEqual([]);
  });
});
