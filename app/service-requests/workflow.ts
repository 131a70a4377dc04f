/**
 * The service-request state machine: ONE table of transitions, used by the server to enforce
 * (service-requests.server.ts refuses anything not listed here) and by the UI to offer
 * buttons. No server imports: this module is shared with the browser.
 */
export const STATES = [
  "new",
  "triaged",
  "in_progress",
  "waiting_on_requester",
  "waiting_on_third_party",
  "resolved",
  "closed",
  "reopened",
] as const;
export type RequestState = (typeof STATES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Who moves a request: park staff, a member of the requesting company, or the background worker. */
export type WorkflowActor = "staff" | "requester" | "system";

export interface Transition {
  from: RequestState;
  to: RequestState;
  by: readonly WorkflowActor[];
}

const S: readonly WorkflowActor[] = ["staff"];
const SR: readonly WorkflowActor[] = ["staff", "requester"];

export const TRANSITIONS: readonly Transition[] = [
  { from: "new", to: "triaged", by: S },
  { from: "new", to: "in_progress", by: S },
  { from: "new", to: "waiting_on_requester", by: S },
  { from: "new", to: "closed", by: SR },

  { from: "triaged", to: "in_progress", by: S },
  { from: "triaged", to: "waiting_on_requester", by: S },
  { from: "triaged", to: "waiting_on_third_party", by: S },
  { from: "triaged", to: "resolved", by: S },
  { from: "triaged", to: "closed", by: SR },

  { from: "in_progress", to: "waiting_on_requester", by: S },
  { from: "in_progress", to: "waiting_on_third_party", by: S },
  { from: "in_progress", to: "resolved", by: S },
  { from: "in_progress", to: "closed", by: SR },

  // A requester's reply while the park waits on them moves the request back to in progress.
  { from: "waiting_on_requester", to: "in_progress", by: SR },
  { from: "waiting_on_requester", to: "waiting_on_third_party", by: S },
  { from: "waiting_on_requester", to: "resolved", by: S },
  { from: "waiting_on_requester", to: "closed", by: SR },

  { from: "waiting_on_third_party", to: "in_progress", by: S },
  { from: "waiting_on_third_party", to: "waiting_on_requester", by: S },
  { from: "waiting_on_third_party", to: "resolved", by: S },
  { from: "waiting_on_third_party", to: "closed", by: SR },

  // Closed automatically N days after resolution (system), or at once by either side.
  { from: "resolved", to: "closed", by: ["staff", "requester", "system"] },
  { from: "resolved", to: "reopened", by: SR },
  { from: "closed", to: "reopened", by: SR },

  { from: "reopened", to: "in_progress", by: S },
  { from: "reopened", to: "waiting_on_requester", by: S },
  { from: "reopened", to: "waiting_on_third_party", by: S },
  { from: "reopened", to: "resolved", by: S },
  { from: "reopened", to: "closed", by: SR },
];

export function canTransition(from: RequestState, to: RequestState, by: WorkflowActor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** The states an actor may move a request to from its current state: what the UI offers. */
export function nextStates(from: RequestState, by: WorkflowActor): RequestState[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by.includes(by)).map((t) => t.to);
}

/** States in which the SLA clock does not run: waiting on someone else, or finished. */
export const PAUSED_STATES: readonly RequestState[] = [
  "waiting_on_requester",
  "waiting_on_third_party",
  "resolved",
  "closed",
];
export const WAITING_STATES: readonly RequestState[] = [
  "waiting_on_requester",
  "waiting_on_third_party",
];
export const OPEN_STATES: readonly RequestState[] = STATES.filter(
  (s) => s !== "resolved" && s !== "closed",
);

export function isState(value: unknown): value is RequestState {
  return typeof value === "string" && (STATES as readonly string[]).includes(value);
}

export function isPriority(value: unknown): value is Priority {
  return typeof value === "string" && (PRIORITIES as readonly string[]).includes(value);
}

/** Badge tone of a state, for the UI. */
export function stateTone(state: RequestState): "success" | "warning" | "muted" | "info" {
  if (state === "resolved" || state === "closed") return state === "resolved" ? "success" : "muted";
  if (state === "waiting_on_requester" || state === "waiting_on_third_party") return "warning";
  return "info";
}
