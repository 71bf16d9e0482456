// Where the provider and the lookups get their settings: stack config first, then environment.
import { z } from "zod";
import { BluejayConfigError, type BluejayClientOptions } from "./client";

/** Reads a `namespace:key` config value (a Pulumi stack config or the dynamic provider's config). */
export interface ConfigSource {
  get(key: string): unknown;
}

interface Setting {
  config: string;
  env: string;
  option: keyof BluejayClientOptions;
  schema: z.ZodTypeAny;
  hint: string;
}

const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ invalid_type_error: "must be a whole number" }).int().min(min).max(max);
const flag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
);

/** Every setting the provider reads, with its config key, environment variable and check. */
export const SETTINGS: readonly Setting[] = [
  {
    config: "bluejay:apiKey",
    env: "BLUEJAY_API_KEY",
    option: "apiKey",
    schema: z.string().min(1),
    hint: "a non-empty API key",
  },
  {
    config: "bluejay:apiUrl",
    env: "BLUEJAY_API_URL",
    option: "baseUrl",
    schema: z.string().url(),
    hint: "an absolute URL such as https://api.getbluejay.ai",
  },
  {
    config: "bluejay:maxRetries",
    env: "BLUEJAY_MAX_RETRIES",
    option: "maxRetries",
    schema: wholeNumber(0, 20),
    hint: "a whole number from 0 to 20",
  },
  {
    config: "bluejay:requestTimeoutMs",
    env: "BLUEJAY_REQUEST_TIMEOUT_MS",
    option: "requestTimeoutMs",
    schema: wholeNumber(1, 600_000),
    hint: "milliseconds, from 1 to 600000",
  },
  {
    config: "bluejay:allowInsecureHttp",
    env: "BLUEJAY_ALLOW_INSECURE_HTTP",
    option: "allowInsecureHttp",
    schema: flag,
    hint: "true or false",
  },
];

/**
 * Client options from config (preferred) or environment. Throws a `BluejayConfigError` naming the
 * setting when a value is bad or the API key is missing; a secret value is never echoed.
 */
export function resolveClientOptions(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): BluejayClientOptions {
  const options: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const fromConfig = config?.get(setting.config);
    const raw = fromConfig !== undefined && fromConfig !== "" ? fromConfig : env[setting.env];
    if (raw === undefined || raw === "") continue;
    const parsed = setting.schema.safeParse(raw);
    if (!parsed.success) {
      const source = fromConfig !== undefined && fromConfig !== "" ? setting.config : setting.env;
      const shown = setting.option === "apiKey" ? "" : ` (got ${JSON.stringify(String(raw)).slice(0, 60)})`;
      throw new BluejayConfigError(setting.config, `${source} must be ${setting.hint}${shown}.`);
    }
    options[setting.option] = parsed.data;
  }
  if (options.apiKey === undefined) {
    throw new BluejayConfigError(
      "bluejay:apiKey",
      "No Bluejay API key is set. Set it with `pulumi config set --secret bluejay:apiKey <key>` " +
        "or the BLUEJAY_API_KEY environment variable.",
    );
  }
  return options as unknown as BluejayClientOptions;
}
