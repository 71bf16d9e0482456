import { BluejayError } from "./bluejay-error";

/** The provider or client was set up wrongly: a missing API key, a bad URL, a bad option value. */
export class BluejayConfigError extends BluejayError {
  override name = "BluejayConfigError";
  /** The setting at fault, e.g. `bluejay:apiKey`. */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.setting = setting;
  }
}
