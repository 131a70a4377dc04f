/**
 * Queues a request's event for the desk's rules (ADR 0050), in the caller's transaction: one
 * keyed job per request and event (`rules:<request>:<event key>`), so an event is queued once
 * however often it is reported. Nothing is queued when no enabled rule listens to the event.
 * Kept apart from rules.server.ts so that the request module can call it without a cycle.
 */
import type { Executor } from "#db/executor";
import { enqueue } from "~/jobs/queue.server";
import type { RuleEvent } from "./rules";

export const RULES_TASK = "service-rules";

export interface RuleJob {
  requestId: string;
  event: RuleEvent;
  /** Names the event for the once-per-event guarantee: `created`, `changed:<history id>`, ... */
  key: string;
  /** For `changed`: the fields that changed. */
  fields?: string[];
  /** 0 for a person's or the clock's event; one more for each rule's change in the chain. */
  depth?: number;
  /** Rules that already ran in this chain: they do not run again on its later events. */
  chain?: string[];
  /** Only this rule (the `waiting` sweep queues each rule on its own). */
  ruleId?: string;
}

export async function enqueueRuleEvent(trx: Executor, job: RuleJob): Promise<boolean> {
  let q = trx
    .selectFrom("service_rule")
    .select("id")
    .where("enabled", "=", true)
    .where("event", "=", job.event);
  if (job.ruleId) q = q.where("id", "=", job.ruleId);
  if (!(await q.limit(1).executeTakeFirst())) return false;
  await enqueue(
    trx,
    RULES_TASK,
    { ...job },
    {
      jobKey: `rules:${job.requestId}:${job.key}${job.ruleId ? `:${job.ruleId}` : ""}`,
      maxAttempts: 5,
    },
  );
  return true;
}
