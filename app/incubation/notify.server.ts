/**
 * The notifications an application's events write (app/notifications), in the transaction of
 * the event: the company's members hear of every change of their application; park staff hear
 * of submissions and of reviews submitted (the staff member who assigned the reviewer, or
 * every staff member when nobody did).
 */
import type { Executor } from "#db/executor";
import { notify } from "~/notifications/notifications.server";
import type { NotificationKind } from "~/notifications/kinds";
import type { TransitionAction } from "./workflow";

/** What the company hears of each transition. */
const COMPANY_KIND: Record<TransitionAction, NotificationKind> = {
  submit: "app_submitted",
  resubmit: "app_submitted",
  withdraw: "app_withdrawn",
  undo_withdraw: "app_reinstated",
  start_screening: "app_screening",
  request_info: "app_info",
  send_to_review: "app_review",
  accept: "app_decision",
  accept_with_conditions: "app_decision",
  reject: "app_decision",
};

async function companyMembers(trx: Executor, companyId: string) {
  return trx
    .selectFrom("company_member as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select("u.id")
    .where("m.company_id", "=", companyId)
    .where("u.disabled_at", "is", null)
    .execute();
}

/** Every active staff member (the incubation desk is theirs). */
async function staffMembers(trx: Executor) {
  return trx
    .selectFrom("app_user as u")
    .innerJoin("user_role as r", "r.user_id", "u.id")
    .select("u.id")
    .where("r.role", "=", "staff")
    .where("u.disabled_at", "is", null)
    .execute();
}

/** Tells the company's members (and, for a submission, park staff) of a transition. */
export async function notifyTransition(
  trx: Executor,
  app: { id: string; company_id: string; title_en: string; title_zh: string; name_en: string },
  action: TransitionAction,
): Promise<void> {
  const values = { subject: app.title_en, subjectZh: app.title_zh };
  for (const m of await companyMembers(trx, app.company_id))
    await notify(trx, m.id, COMPANY_KIND[action], `/applications/${app.id}`, values);
  if (action === "submit" || action === "resubmit")
    for (const s of await staffMembers(trx))
      await notify(trx, s.id, "staff_app_submitted", `/desk/incubation/applications/${app.id}`, {
        ...values,
        ref: app.name_en,
      });
}

/** Tells the staff member who assigned a reviewer (or all staff) that a review came in. */
export async function notifyReviewSubmitted(
  trx: Executor,
  input: {
    applicationId: string;
    assignedBy: string | null;
    reviewer: string;
    company: string;
    revised: boolean;
  },
): Promise<void> {
  const to = input.assignedBy ? [{ id: input.assignedBy }] : await staffMembers(trx);
  for (const s of to)
    await notify(
      trx,
      s.id,
      input.revised ? "staff_review_revised" : "staff_review_submitted",
      `/desk/incubation/applications/${input.applicationId}`,
      { ref: input.company, subject: input.reviewer },
    );
}

/** Tells the company's members of an offer event (offer made, agreement ready, onboarding opened). */
export async function notifyCompany(
  trx: Executor,
  companyId: string,
  kind: NotificationKind,
  link: string,
  values: Record<string, string>,
): Promise<void> {
  for (const m of await companyMembers(trx, companyId)) await notify(trx, m.id, kind, link, values);
}

/** Tells park staff of a company's reply (offer accepted or declined, agreement signed). */
export async function notifyStaff(
  trx: Executor,
  kind: NotificationKind,
  link: string,
  values: Record<string, string>,
): Promise<void> {
  for (const s of await staffMembers(trx)) await notify(trx, s.id, kind, link, values);
}
