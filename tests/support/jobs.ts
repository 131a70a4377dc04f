import type { DB } from "#db/client.server";
import { passwordResetTask, RESET_TASK } from "~/accounts/accounts.server";

/** Runs the pending password-reset jobs now (what the worker would do), oldest first. */
export async function runResetJobs(db: DB): Promise<number> {
  const jobs = await db
    .selectFrom("job")
    .select(["id", "payload"])
    .where("task", "=", RESET_TASK)
    .where("completed_at", "is", null)
    .orderBy("id")
    .execute();
  for (const job of jobs) {
    await passwordResetTask(db, job.payload as Record<string, unknown>);
    await db
      .updateTable("job")
      .set({ completed_at: new Date() })
      .where("id", "=", job.id)
      .execute();
  }
  return jobs.length;
}
