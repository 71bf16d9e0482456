// The emulator's double of Bluejay's alerts: the agents an alert names must exist, and are kept only
// when it does not apply to every agent (Bluejay's default); there is no read and no list.
import {
  firstMissing,
  given,
  ints,
  notFound,
  ORGANIZATION_ID,
  routes,
  unique,
  type Answer,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Alert not found";

function create(body: Json, context: Context): Json | Answer {
  const missing = firstMissing(context.of("agents"), ints(body.agent_ids));
  if (missing !== undefined) return notFound(`Agent ${missing} not found`);
  const { agent_ids, ...fields } = body;
  return {
    ...fields,
    notification_channels: fields.notification_channels ?? [],
    // "Agent IDs to associate with this alert (only used when applies_to_all_agents=False)".
    agents: fields.applies_to_all_agents === true ? [] : unique(ints(agent_ids)),
    organization_id: ORGANIZATION_ID,
    trigger_count: 0,
    in_alert: false,
    last_triggered_at: null,
    created_by: null,
    updated_at: null,
  };
}

function update(alert: Json, request: Request, context: Context): Answer | void {
  const { agent_ids, ...fields } = given(request);
  const missing = firstMissing(context.of("agents"), ints(agent_ids));
  if (missing !== undefined) return notFound(`Agent ${missing} not found`);
  Object.assign(alert, fields);
  if (alert.applies_to_all_agents === true) alert.agents = [];
  else if (agent_ids !== undefined) alert.agents = unique(ints(agent_ids));
  alert.updated_at = context.timestamp();
}

export const alertDouble: EmulatedKind = {
  file: "alerts",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-alert", create),
    routes.update("PUT /v1/update-alert/{alert_id}", MISSING, update),
    routes.remove("DELETE /v1/alert/{alert_id}", MISSING, {
      answer: (alert) => ({ message: "Alert deleted successfully", deleted_alert_id: alert.id }),
    }),
  ],
};
