// Where the provider and the lookups get their settings: stack config first, then environment.
import { z } from "zod";
import { BluejayConfigError } from "./client/errors";
import type { BluejayClientOptions } from "./client/options";

/** Reads a `namespace:key` config value (a Pulumi stack config or the dynamic provider's config). */
export interface ConfigSource {
  get(key: string): unknown;
}

type Options = Required<BluejayClientOptions>;

/** One setting: where it is read from, which client option it fills, and how its text is checked. */
interface SettingOf<K extends keyof Options> {
  config: string;
  env: string;
  option: K;
  schema: z.ZodType<Options[K], z.ZodTypeDef, unknown>;
  hint: string;
}
export type Setting = { [K in keyof Options]: SettingOf<K> }[keyof Options];

const setting = <K extends keyof Options>(s: SettingOf<K>): SettingOf<K> => s;

const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ invalid_type_error: "must be a whole number" }).int().min(min).max(max);
const flag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
);

/** Every setting the provider reads, with its config key, environment variable and check. */
export const SETTINGS: readonly Setting[] = [
  setting({
    config: "bluejay:apiKey",
    env: "BLUEJAY_API_KEY",
    option: "apiKey",
    schema: z.string().min(1),
    hint: "a non-empty API key",
  }),
  setting({
    config: "bluejay:apiUrl",
    env: "BLUEJAY_API_URL",
    option: "baseUrl",
    schema: z.string().url(),
    hint: "an absolute URL such as https://api.getbluejay.ai",
  }),
  setting({
    config: "bluejay:maxRetries",
    env: "BLUEJAY_MAX_RETRIES",
    option: "maxRetries",
    schema: wholeNumber(0, 20),
    hint: "a whole number from 0 to 20",
  }),
  setting({
    config: "bluejay:requestTimeoutMs",
    env: "BLUEJAY_REQUEST_TIMEOUT_MS",
    option: "requestTimeoutMs",
    schema: wholeNumber(1, 600_000),
    hint: "milliseconds, from 1 to 600000",
  }),
  setting({
    config: "bluejay:maxRequestsPerSecond",
    env: "BLUEJAY_MAX_REQUESTS_PER_SECOND",
    option: "maxRequestsPerSecond",
    schema: z.coerce.number({ invalid_type_error: "must be a number" }).positive().max(10_000),
    hint: "a number of requests per second above 0, such as 5",
  }),
  setting({
    config: "bluejay:lostCreateWindowMs",
    env: "BLUEJAY_LOST_CREATE_WINDOW_MS",
    option: "lostCreateWindowMs",
    schema: wholeNumber(0, 600_000),
    hint: "milliseconds to look for a create whose answer was lost, from 0 to 600000",
  }),
  setting({
    config: "bluejay:coalesceReads",
    env: "BLUEJAY_COALESCE_READS",
    option: "coalesceReads",
    schema: flag,
    hint: "true or false",
  }),
  setting({
    config: "bluejay:allowInsecureHttp",
    env: "BLUEJAY_ALLOW_INSECURE_HTTP",
    option: "allowInsecureHttp",
    schema: flag,
    hint: "true or false",
  }),
];

/**
 * Client options from config (preferred) or environment. Throws a `BluejayConfigError` naming the
 * setting when a value is bad or the API key is missing; a secret value is never echoed.
 */
export function resolveClientOptions(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): BluejayClientOptions {
  const options: Partial<Options> = {};
  for (const each of SETTINGS) readSetting(each, config, env, options);
  if (options.apiKey === undefined) {
    throw new BluejayConfigError(
      "bluejay:apiKey",
      "No Bluejay API key is set. Set it with `pulumi config set --secret bluejay:apiKey <key>` " +
        "or the BLUEJAY_API_KEY environment variable.",
    );
  }
  return { ...options, apiKey: options.apiKey };
}

function readSetting<K extends keyof Options>(
  setting: SettingOf<K>,
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  into: Partial<Options>,
): void {
  const fromConfig = config?.get(setting.config);
  const useConfig = fromConfig !== undefined && fromConfig !== "";
  const raw = useConfig ? fromConfig : env[setting.env];
  if (raw === undefined || raw === "") return;
  const parsed = setting.schema.safeParse(raw);
  if (!parsed.success) {
    const source = useConfig ? setting.config : setting.env;
    const text = typeof raw === "string" ? raw : JSON.stringify(raw);
    const shown = setting.option === "apiKey" ? "" : ` (got ${JSON.stringify(text).slice(0, 60)})`;
    throw new BluejayConfigError(setting.config, `${source} must be ${setting.hint}${shown}.`);
  }
  into[setting.option] = parsed.data;
}
