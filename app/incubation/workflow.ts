/**
 * The application state machine: ONE table of transitions, used by the server to enforce
 * (app/incubation/incubation.server.ts refuses anything not listed here) and by the UI to
 * offer buttons. No server imports: this module is shared with the browser.
 */
export const STATUSES = [
  "draft",
  "submitted",
  "screening",
  "info_requested",
  "resubmitted",
  "in_review",
  "accepted",
  "accepted_with_conditions",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof STATUSES)[number];

export type Actor = "applicant" | "staff";

export const ACTIONS = [
  "submit",
  "withdraw",
  "undo_withdraw",
  "resubmit",
  "start_screening",
  "request_info",
  "send_to_review",
  "accept",
  "accept_with_conditions",
  "reject",
] as const;
export type TransitionAction = (typeof ACTIONS)[number];

export interface Transition {
  action: TransitionAction;
  from: readonly ApplicationStatus[];
  /** "previous": back to the status the application was withdrawn from (`withdrawn_from`). */
  to: ApplicationStatus | "previous";
  by: Actor;
}

/** Every status before a decision: draft to in review, in the order of STATUSES. */
const OPEN: readonly ApplicationStatus[] = STATUSES.slice(0, STATUSES.indexOf("in_review") + 1);

export const TRANSITIONS: readonly Transition[] = [
  { action: "submit", from: ["draft"], to: "submitted", by: "applicant" },
  { action: "resubmit", from: ["info_requested"], to: "resubmitted", by: "applicant" },
  { action: "withdraw", from: OPEN, to: "withdrawn", by: "applicant" },
  // Until the call's deadline, and while no newer application to the call exists.
  { action: "undo_withdraw", from: ["withdrawn"], to: "previous", by: "applicant" },
  { action: "start_screening", from: ["submitted"], to: "screening", by: "staff" },
  {
    action: "request_info",
    from: ["submitted", "screening", "resubmitted"],
    to: "info_requested",
    by: "staff",
  },
  { action: "send_to_review", from: ["screening", "resubmitted"], to: "in_review", by: "staff" },
  // Decisions: released by staff (a screening rejection may skip review).
  { action: "accept", from: ["in_review"], to: "accepted", by: "staff" },
  {
    action: "accept_with_conditions",
    from: ["in_review"],
    to: "accepted_with_conditions",
    by: "staff",
  },
  {
    action: "reject",
    from: ["submitted", "screening", "resubmitted", "in_review"],
    to: "rejected",
    by: "staff",
  },
];

export function findTransition(
  action: TransitionAction,
  from: ApplicationStatus,
  by: Actor,
): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.by === by && t.from.includes(from));
}

export function canTransition(
  action: TransitionAction,
  from: ApplicationStatus,
  by: Actor,
): boolean {
  return !!findTransition(action, from, by);
}

/** The actions an actor may take from a status: what the UI offers. */
export function availableActions(from: ApplicationStatus, by: Actor): TransitionAction[] {
  return TRANSITIONS.filter((t) => t.by === by && t.from.includes(from)).map((t) => t.action);
}

/** The applicant may change answers and documents only in these states. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === "draft" || status === "info_requested";
}

export function isDecided(status: ApplicationStatus): boolean {
  return status === "accepted" || status === "accepted_with_conditions" || status === "rejected";
}

/** The states an application may be withdrawn from (and so return to on an undo). */
export const WITHDRAWABLE: readonly ApplicationStatus[] = OPEN;

export function isStatus(value: unknown): value is ApplicationStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

export const OUTCOMES = ["accepted", "accepted_with_conditions", "rejected"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_ACTION: Record<Outcome, TransitionAction> = {
  accepted: "accept",
  accepted_with_conditions: "accept_with_conditions",
  rejected: "reject",
};

/** Form steps of an application: four question groups, documents, review and submit. */
export const STEPS = [1, 2, 3, 4, 5, 6] as const;
export const QUESTION_STEPS = [1, 2, 3, 4] as const;
export const DOCUMENTS_STEP = 5;
export const REVIEW_STEP = 6;

export type CallPhase = "upcoming" | "open" | "closed";
export function callPhase(
  call: { opens_at: Date | string; closes_at: Date | string },
  now = new Date(),
): CallPhase {
  if (now.getTime() < new Date(call.opens_at).getTime()) return "upcoming";
  if (now.getTime() >= new Date(call.closes_at).getTime()) return "closed";
  return "open";
}

/** The field names of one application step (its questions' keys). */
export function stepKeys(questions: readonly { key: string; step: number }[], step: number) {
  return questions.filter((q) => q.step === step).map((q) => q.key);
}
