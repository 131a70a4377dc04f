/**
 * Demo canned replies and macros (ADR 0039): two shared snippets staff find from the composer
 * on a fresh demo; idempotent by title.
 */
import type { DB } from "#db/client.server";
import { seedDemoRules } from "./demo-rules.server";

const SNIPPETS = [
  {
    title: "Ask for the missing documents",
    body_en:
      "Dear {{requester}},\n\nThank you for your request {{reference}}. To go on we need the documents listed in the request form; please upload them here. We aim to finish by {{due}}.\n\nBest regards,\n{{staff}}",
    body_zh:
      "{{requester}}您好：\n\n感谢您提交服务申请 {{reference}}。为继续办理，请在此上传申请表中列出的材料。我们预计在 {{due}} 前办结。\n\n此致\n{{staff}}",
    set_state: "waiting_on_requester",
  },
  {
    title: "Done – closing note",
    body_en:
      "Dear {{requester}},\n\n{{reference}} is done. If anything is still open, reply here and we will pick it up again.\n\n{{staff}}",
    body_zh:
      "{{requester}}您好：\n\n{{reference}} 已办理完毕。如仍有问题，请直接在此回复，我们会继续跟进。\n\n{{staff}}",
    set_state: "resolved",
  },
];

export async function seedDemoSnippets(db: DB): Promise<void> {
  for (const s of SNIPPETS) {
    const exists = await db
      .selectFrom("reply_snippet")
      .select("id")
      .where("title", "=", s.title)
      .where("owner_id", "is", null)
      .executeTakeFirst();
    if (!exists) await db.insertInto("reply_snippet").values(s).execute();
  }
  // The desk's other toolkit demo: a rule, off (ADR 0050).
  await seedDemoRules(db);
}
