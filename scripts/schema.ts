// `npm run schema`: writes schema.json, the Pulumi package schema made from the kinds' descriptions.
import * as fs from "fs";
import * as path from "path";
import { packageSchema } from "./lib/package-schema";

const root = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  version: string;
  description: string;
};
const file = path.join(root, "schema.json");
fs.writeFileSync(file, `${JSON.stringify(packageSchema(manifest), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
