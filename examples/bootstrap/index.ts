// A whole Bluejay test setup in one program: a folder for it, the agent under test with the traits
// and a persona its callers draw on, a prompt and a knowledge-base version labelled with the stack's
// name, the conversation it should follow, a nightly simulation of it (and its schedule), six
// simulated callers of different kinds, two communities of them, two metrics every call is graded
// on, and an alert on one of them. Names and ids flow from one resource to the next (folder -> agent
// -> simulation -> callers -> communities), so Pulumi creates them in that order and deletes them in
// the reverse one.
//
//   pulumi config set --secret bluejay:apiKey <your Bluejay API key>
//   pulumi config set --secret websocketPassword <the agent's websocket password>
//   pulumi config set namePrefix "[staging] "    # optional: several stacks in one workspace
//   pulumi config set releaseLabel qa            # optional: the label the versions carry (default: the stack's name)
//   pulumi config set nightlyAt 03:30             # optional: when the nightly run starts (default 02:00, UTC)
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import {
  Agent,
  Alert,
  Community,
  CustomMetric,
  CustomerPersona,
  CustomerTrait,
  DigitalHuman,
  Folder,
  KnowledgeBaseVersion,
  Label,
  PromptVersion,
  Schedule,
  Simulation,
  Workflow,
} from "pulumi-bluejay";

// Named explicitly, so the keys stay `bluejay-bootstrap:*` when another project runs this program
// (the repository's quick start does).
const config = new pulumi.Config("bluejay-bootstrap");
/** Put before every name and title in Bluejay, so several stacks can share one workspace. */
const prefix = config.get("namePrefix") ?? "";
/** The company whose support line is tested: it appears once in each kind of resource. */
const company = config.get("company") ?? "Acme";
/** The label this stack's prompt and knowledge-base versions carry: a test run names it to pick them. */
const releaseLabel = config.get("releaseLabel") ?? pulumi.getStack();

// ---- a folder for this environment's agents in Bluejay's dashboard ----

const team = new Folder("team", { name: `${prefix}${company} support` });

// ---- the agent under test ----

const agent = new Agent("support-bot", {
  name: `${prefix}Support bot`,
  // An agent joins a folder by name: this also makes Pulumi create the folder first.
  folder: team.name,
  systemPrompt: `You are the support line of ${company}.`,
  knowledgeBase: "Refunds take 5 days.",
  goals: ["Resolve billing questions"],
  // How Bluejay reaches the agent. The password is a secret in stack config and in state.
  connectionType: "WEBSOCKET",
  websocketUrl: "wss://agents.example.com/support",
  websocketUsername: "bluejay",
  websocketPassword: config.requireSecret("websocketPassword"),
  // Bluejay signs its calls to this webhook with a key it makes up: the agent's httpWebhookKey output.
  httpWebhook: "https://hooks.example.com/bluejay/calls",
});

// ---- who calls: the facts about a caller, and a kind of caller ----

const plan = new CustomerTrait("plan", {
  agentId: agent.agentId,
  name: "plan",
  dataType: "STRING",
  defaultValue: `${company} Basic`,
});

const seats = new CustomerTrait("seats", {
  agentId: agent.agentId,
  name: "seats",
  dataType: "NUMBER",
  defaultValue: 1,
});

const commuter = new CustomerPersona("commuter", {
  agentId: agent.agentId,
  name: "Impatient commuter",
  description: `Calls ${company} from a train, in a hurry, and loses signal in tunnels.`,
  goal: "Moves a delivery to tomorrow.",
});

// ---- this stack's versions of the prompt and the knowledge base, labelled with the stack's name ----

const release = new Label("release", { agentId: agent.agentId, labelText: releaseLabel });

const prompt = new PromptVersion("prompt", {
  agentId: agent.agentId,
  promptText: "Answer in one or two sentences. Offer a refund only when the refund policy allows it.",
  commitMessage: "Shorter answers",
  // Naming the label's text also makes Pulumi create the label first and delete it last.
  labels: [release.labelText],
});

const knowledge = new KnowledgeBaseVersion("knowledge", {
  agentId: agent.agentId,
  kbText: "Refunds take 5 days. Annual plans are refunded pro rata.",
  commitMessage: "Pro-rata refunds",
  labels: [release.labelText],
});

// ---- the conversation a password reset should follow ----

const passwordReset = new Workflow("password-reset", {
  name: `${prefix}Password reset`,
  description: `How the ${company} support line resets a password`,
  agentIds: [agent.agentId],
  definition: {
    nodes: [
      { id: "start", type: "start", position: { x: 100, y: 50 }, data: { id: "start" } },
      {
        id: "greet",
        type: "single",
        position: { x: 200, y: 180 },
        data: { id: "greet", message: "Hi, how can I help?", speaker: "agent", turn: 0, type: "contextual" },
      },
      {
        id: "email",
        type: "single",
        position: { x: 200, y: 310 },
        data: {
          id: "email",
          message: "What is the email address on the account?",
          speaker: "agent",
          turn: 1,
          type: "contextual",
        },
      },
    ],
    edges: [
      { source: "start", target: "greet" },
      { source: "greet", target: "email" },
    ],
  },
});

// ---- a simulation: a batch of calls to the agent ----

const nightly = new Simulation("nightly", {
  agentId: agent.agentId,
  name: `${prefix}Nightly regression`,
  description: `Every ${company} support scenario, run each night`,
  maxConcurrent: 3,
});

// Bluejay runs it by itself every night (UTC).
const nightlyRun = new Schedule("nightly-run", {
  simulationId: nightly.simulationId,
  schedule: { daily: { at: config.get("nightlyAt") ?? "02:00" } },
});

// ---- the digital humans: who calls, and what counts as success ----

// Every caller takes part in the nightly simulation.
const inNightly = { simulationIds: [nightly.simulationId] };

const angry = new DigitalHuman("angry", {
  phoneNumber: "+15550100101",
  name: `${prefix}Angry caller`,
  intent: `Disputes a double charge on their ${company} bill`,
  successCriteria: "The agent offers a refund",
  gender: "male",
  accent: "american",
  verbosity: "high",
  // Talks over the agent when it hears these words.
  interruptions: {
    type: "keywords",
    keyword_responses: [{ keyword: "hold", response: "Do not put me on hold again!" }],
  },
  ...inNightly,
});

const spanish = new DigitalHuman("spanish", {
  phoneNumber: "+15550100102",
  name: `${prefix}Spanish speaker`,
  intent: "Wants to change the card the subscription is billed to, and speaks only Spanish",
  successCriteria: "The agent answers in Spanish and explains how to change the card",
  language: "es",
  accent: "mexican",
  gender: "female",
  ...inNightly,
});

const elderly = new DigitalHuman("elderly", {
  phoneNumber: "+15550100103",
  name: `${prefix}Hesitant caller`,
  intent: "Cannot find where to download last month's invoice",
  successCriteria: "The agent walks the caller through it step by step, patiently",
  accent: "british",
  gender: "female",
  voiceSpeed: "slow",
  fluency: "intermediate",
  backgroundNoise: "tv",
  interruptions: { type: "none" },
  ...inNightly,
});

const scripted = new DigitalHuman("scripted", {
  phoneNumber: "+15550100104",
  name: `${prefix}Caller with an order number`,
  intent: "Asks where a parcel is",
  successCriteria: "The agent looks up order 55012 and gives its delivery date",
  accent: "australian",
  gender: "male",
  // A fixed answer whenever the agent asks for the order number, instead of a made-up one.
  scriptedResponses: [
    {
      match_type: "context",
      match_phrase: "What is your order number?",
      response_type: "phrase",
      response_value: "It is five five zero one two.",
      occurrence_mode: "always",
    },
  ],
  ...inNightly,
});

const vip = new DigitalHuman("vip", {
  phoneNumber: "+15550100105",
  name: `${prefix}Enterprise customer`,
  intent: "Asks to upgrade to the annual plan with a discount",
  successCriteria: "The agent checks the account's plan and escalates the discount to sales",
  accent: "indian",
  gender: "male",
  // Facts about the caller that the agent's tools can look up.
  traits: [
    { trait_name: "plan", trait_data_type: "STRING", value: "enterprise" },
    { trait_name: "seats", trait_data_type: "NUMBER", value: 250 },
  ],
  ...inNightly,
});

const noisy = new DigitalHuman("noisy", {
  phoneNumber: "+15550100106",
  name: `${prefix}Caller in a cafe`,
  intent: "Wants to cancel the subscription today",
  successCriteria: "The agent confirms the cancellation and the date it takes effect",
  language: "de",
  accent: "german",
  gender: "female",
  backgroundNoise: "cafe",
  audioQuality: "low",
  interruptions: { type: "medium" },
  hangupPhrases: ["Danke, das war alles"],
  ...inNightly,
});

// ---- communities: pools of digital humans ----

const support = new Community("support", {
  title: `${prefix}Support line callers`,
  description: `Everyone who calls the ${company} support line`,
  digitalHumanIds: [angry, spanish, elderly, scripted, vip, noisy].map((h) => h.digitalHumanId),
});

const international = new Community("international", {
  title: `${prefix}International callers`,
  description: "Callers who do not speak English, or not as a first language",
  digitalHumanIds: [spanish, elderly, noisy].map((h) => h.digitalHumanId),
});

// ---- custom metrics: what every call is graded on ----

const empathy = new CustomMetric("empathy", {
  name: `${prefix}Empathy`,
  description: "Did the agent acknowledge the caller's frustration?",
  responseType: "yes_no",
  agentIds: [agent.agentId],
});

const policy = new CustomMetric("refund-policy", {
  name: `${prefix}Refund policy`,
  description: `How closely did the agent follow ${company}'s refund policy?`,
  responseType: "quantitative",
  minValue: 1,
  maxValue: 5,
  scoringGuidance: "1: promised something the policy forbids. 5: quoted the policy and its 5 days.",
  agentIds: [agent.agentId],
});

// ---- a quality gate: an alert when empathy drops, on this stack's agent only ----

// Bluejay would watch every agent of the workspace, every other stack's too, without agentIds.
const empathyDropped = new Alert("empathy-dropped", {
  name: `${prefix}${company} empathy dropped`,
  entityType: "custom_metric",
  entityField: empathy.id,
  operator: "less_than",
  comparisonValue: "0.8",
  agentIds: [agent.agentId],
  notificationChannels: [{ type: "email", target: "support-leads@example.com" }],
});

// ---- what the stack reports ----

export const folderId = team.id;
export const agentId = agent.agentId;
export const simulationId = nightly.simulationId;
export const digitalHumanIds = support.digitalHumanIds;
export const callers = Object.fromEntries(
  Object.entries({ angry, spanish, elderly, scripted, vip, noisy }).map(([name, h]) => [
    name,
    h.digitalHumanId,
  ]),
);
export const communityIds = { support: support.id, international: international.id };
export const customMetricIds = { empathy: empathy.id, refundPolicy: policy.id };
export const testSetup = {
  traitIds: { plan: plan.id, seats: seats.id },
  personaId: commuter.id,
  labelId: release.id,
  promptVersionId: prompt.id,
  knowledgeBaseVersionId: knowledge.id,
  workflowId: passwordReset.id,
  scheduleId: nightlyRun.id,
  alertId: empathyDropped.id,
};
