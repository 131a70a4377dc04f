/**
 * The investment-promotion pipeline (issue 13): stages and ONE table of the moves between them,
 * used by the server to enforce (projects.server.ts refuses anything not listed) and by the UI
 * to offer. No server imports: shared with the browser.
 */

/** The way forward, in order: from first contact to a company producing in the park. */
export const PIPELINE_STAGES = [
  "new",
  "qualified",
  "visit_planned",
  "visited",
  "negotiating",
  "signed",
  "registered",
  "moved_in",
  "producing",
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const STAGES = [...PIPELINE_STAGES, "on_hold", "lost"] as const;
export type Stage = (typeof STAGES)[number];

/** Stages a project can be stopped at (put on hold or lost) and reopened to. */
export const STOPPABLE_STAGES = [
  "new",
  "qualified",
  "visit_planned",
  "visited",
  "negotiating",
  "signed",
  "registered",
  "moved_in",
] as const satisfies readonly PipelineStage[];
export type StoppableStage = (typeof STOPPABLE_STAGES)[number];

/**
 * Active: someone must work on it, so it needs a next step and is flagged when it has none,
 * when the step is overdue or when nothing happened for a while. On hold, lost and producing
 * are not active.
 */
export const ACTIVE_STAGES: readonly Stage[] = STOPPABLE_STAGES;

/**
 * `resume` is the stage the project was stopped at (kept in `stopped_stage`): a project on hold
 * or lost reopens where it stopped, not further (skipping) and not at the start (losing what
 * was done, such as a signed agreement).
 */
export type Target = Stage | "resume";

export interface Move {
  from: Stage;
  to: Target;
}

const m = (from: Stage, ...to: Target[]): Move[] => to.map((t) => ({ from, to: t }));

/** Every allowed move. Anything else is refused. */
export const MOVES: readonly Move[] = [
  ...m("new", "qualified", "on_hold", "lost"),
  ...m("qualified", "visit_planned", "new", "on_hold", "lost"),
  // A visit that is called off goes back to qualified.
  ...m("visit_planned", "visited", "qualified", "on_hold", "lost"),
  // After a visit: negotiate, or plan another visit.
  ...m("visited", "negotiating", "visit_planned", "on_hold", "lost"),
  ...m("negotiating", "signed", "visit_planned", "on_hold", "lost"),
  // After signing, the way is registration, move-in, production; a deal can still fall through.
  ...m("signed", "registered", "on_hold", "lost"),
  ...m("registered", "moved_in", "on_hold", "lost"),
  ...m("moved_in", "producing", "on_hold", "lost"),
  // Producing is where a project ends well: no move out of it.
  ...m("on_hold", "resume", "lost"),
  ...m("lost", "resume"),
];

/** The stage a move leads to: `resume` is the stage the project stopped at. */
export function targetStage(to: Target, stoppedStage: StoppableStage | null): Stage | null {
  if (to !== "resume") return to;
  return stoppedStage;
}

/** The stages a project may move to now (what the UI offers, what the server accepts). */
export function nextStages(from: Stage, stoppedStage: StoppableStage | null): Stage[] {
  const out: Stage[] = [];
  for (const move of MOVES) {
    if (move.from !== from) continue;
    const stage = targetStage(move.to, stoppedStage);
    if (stage && !out.includes(stage)) out.push(stage);
  }
  return out;
}

export function canMove(from: Stage, to: Stage, stoppedStage: StoppableStage | null): boolean {
  return nextStages(from, stoppedStage).includes(to);
}

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}

export function isStoppable(value: unknown): value is StoppableStage {
  return typeof value === "string" && (STOPPABLE_STAGES as readonly string[]).includes(value);
}

/** A move "forward" along the pipeline (for the board's primary button). */
export function forwardStage(from: Stage): Stage | null {
  const i = (PIPELINE_STAGES as readonly Stage[]).indexOf(from);
  if (i < 0 || i >= PIPELINE_STAGES.length - 1) return null;
  return PIPELINE_STAGES[i + 1]!;
}

export const PLAN_KINDS = ["rd_centre", "headquarters", "production", "sales_office"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const SOURCES = ["inquiry", "event", "referral", "staff"] as const;
export type Source = (typeof SOURCES)[number];

/** Space types: the same words the park's space units will use. */
export const SPACE_TYPES = ["office", "lab", "industrial", "incubator_desk"] as const;
export type SpaceType = (typeof SPACE_TYPES)[number];

/** Why a project asks for attention. */
export const FLAGS = ["no_next_step", "overdue", "stale"] as const;
export type Flag = (typeof FLAGS)[number];

/** No activity for this many days makes an active project stale (PROJECT_STALE_DAYS). */
export const DEFAULT_STALE_DAYS = 14;

/** The park's calendar day (Asia/Shanghai) of an instant, as YYYY-MM-DD. */
export function parkDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/**
 * The flags of a project now: an active project without a next step (or its due date), with
 * the step's due date before today in the park, or without activity for `staleDays`.
 */
export function flagsOf(
  p: {
    stage: string;
    next_step: string;
    next_step_due: string | null;
    last_activity_at: string | Date;
  },
  now: Date,
  staleDays = DEFAULT_STALE_DAYS,
): Flag[] {
  if (!(ACTIVE_STAGES as readonly string[]).includes(p.stage)) return [];
  const flags: Flag[] = [];
  if (!p.next_step.trim() || !p.next_step_due) flags.push("no_next_step");
  else if (p.next_step_due < parkDay(now)) flags.push("overdue");
  if (+new Date(p.last_activity_at) < +now - staleDays * 86_400_000) flags.push("stale");
  return flags;
}
