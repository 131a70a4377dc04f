/**
 * A company's account manager (issue 15, ADR 0044/0048): the park staff member who looks after
 * it (proactive policy requests are assigned to them). Desk staff set or clear it from the
 * company's file; one transaction with its audit entry (from, to).
 */
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { listStaff } from "~/service-requests/catalogue.server";

export const ACCOUNT_MANAGER_PERMISSION = "manage:policy:any" as const;

/** The company's manager and whom it may be (park staff and admins, not disabled). */
export async function accountManagerChoices(db: Executor, companyId: string) {
  const [company, staff] = await Promise.all([
    db
      .selectFrom("company")
      .select("account_manager_id")
      .where("id", "=", companyId)
      .executeTakeFirst(),
    listStaff(db),
  ]);
  return { managerId: company?.account_manager_id ?? null, staff };
}

export async function setAccountManager(
  db: Executor,
  actor: Actor & { id: string },
  companyId: string,
  managerId: string | null,
): Promise<Result<{ changed: boolean }, "notFound" | "notStaff">> {
  if (!can(actor, ACCOUNT_MANAGER_PERMISSION)) throw new Forbidden();
  if (!isUuid(companyId)) return fail("notFound");
  if (managerId !== null && !isUuid(managerId)) return fail("notStaff");
  return inTransaction(db, async (trx) => {
    const company = await trx
      .selectFrom("company")
      .select(["id", "account_manager_id"])
      .where("id", "=", companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!company) return fail("notFound");
    if (managerId !== null) {
      const staff = await listStaff(trx);
      if (!staff.some((s) => s.id === managerId)) return fail("notStaff");
    }
    if (company.account_manager_id === managerId) return ok({ changed: false });
    await trx
      .updateTable("company")
      .set({ account_manager_id: managerId })
      .where("id", "=", companyId)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "company.account_manager",
      entityType: "company",
      entityId: companyId,
      details: { from: company.account_manager_id, to: managerId },
    });
    return ok({ changed: true });
  });
}
