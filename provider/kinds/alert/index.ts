// The Alert resource and its types: what the package exports for this kind. Bluejay offers no read
// and no list of alerts, so there are no lookups.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { alertKind, type Alert as Entity, type AlertInputs } from "./kind";

export type {
  Alert as AlertResult,
  AlertInputs,
  CreateAlertInput,
  UpdateAlertInput,
  NotificationChannel,
} from "./kind";

/** The type Pulumi records for alerts: `pulumi-nodejs:dynamic/bluejay:Alert`. */
export const ALERT_TYPE = typeToken(alertKind.name);

export type AlertArgs = KindArgs<AlertInputs, string>;
export type AlertOutputs = KindOutputs<AlertInputs, Entity, "createdAt", string>;

/** A threshold that notifies someone. It needs `agentIds` or `appliesToAllAgents: true`; Bluejay cannot read it back. */
export const Alert = resourceClass<AlertArgs, AlertOutputs>(alertKind);
export type Alert = InstanceType<typeof Alert>;
