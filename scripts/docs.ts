// `npm run docs`: writes each kind's reference page (docs/reference/<kind>.md) from its description.
// With `--check`, writes nothing and fails, naming them, when the pages on disk are not what it makes.
import * as fs from "fs";
import * as path from "path";
import { referencePages } from "./lib/reference";

void (async () => {
  const dir = path.resolve(__dirname, "../docs/reference");
  const pages = await referencePages();
  if (process.argv.includes("--check")) {
    const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    const stale = pages.filter(
      ([file, text]) => !onDisk.includes(file) || fs.readFileSync(path.join(dir, file), "utf8") !== text,
    );
    const extra = onDisk.filter((file) => !pages.some(([name]) => name === file));
    for (const [file] of stale) console.error(`docs/reference/${file} is not what \`npm run docs\` makes.`);
    for (const file of extra) console.error(`docs/reference/${file} belongs to no kind.`);
    process.exitCode = stale.length + extra.length > 0 ? 1 : 0;
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of pages) {
    fs.writeFileSync(path.join(dir, file), text);
    console.log(`Wrote docs/reference/${file}.`);
  }
})();
