/**
 * Demo of the investor's view (ADR 0029): the investor demo account (Sato Kenji of Sakura
 * Precision Materials) follows his company's project, with a few messages each way and the
 * park's visit proposal as a document. Loaded once: nothing happens when any link exists.
 */
import { sql } from "kysely";
import type { DB } from "../client.server";
import { storeUpload } from "~/uploads/uploads.server";

export const DEMO_INVESTOR = "investor@demo.zizhupark.example";
const PROJECT = "Sakura Precision Materials K.K.";

/** A one-page PDF: enough for the download to be a real document. */
const PROPOSAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 88 >> stream
BT /F1 18 Tf 60 760 Td (Zizhu High-Tech Park: site visit proposal, three plots) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

const DAY = 86_400_000;

export async function seedDemoInvestor(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("project_investor").select("id").limit(1).executeTakeFirst()) return;
    const project = await trx
      .selectFrom("project")
      .select(["id", "owner_id"])
      .where("organisation", "=", PROJECT)
      .executeTakeFirst();
    const investor = await trx
      .selectFrom("app_user")
      .select("id")
      .where(sql<string>`lower(email)`, "=", DEMO_INVESTOR)
      .executeTakeFirst();
    if (!project || !investor) return;
    const now = Date.now();
    await trx
      .insertInto("project_investor")
      .values({
        project_id: project.id,
        email: DEMO_INVESTOR,
        user_id: investor.id,
        locale: "en",
        invited_by: project.owner_id,
        created_at: new Date(now - 6 * DAY),
        linked_at: new Date(now - 6 * DAY),
      })
      .execute();
    const messages: [boolean, string, number][] = [
      [
        false,
        "Welcome to the portal, Mr Sato. You can follow the project here; we will put the site visit proposal and the draft support policies here as they are ready.\n欢迎使用园区门户。项目进展、考察方案和扶持政策草案都会在这里更新。",
        5,
      ],
      [
        true,
        "Thank you. Our board would like to see plots with at least 5,000 m² and a nitrogen supply. Could the visit be in the second week of next month?",
        4,
      ],
      [
        false,
        "Yes: the proposal with three plots is attached under Documents. We suggest Tuesday or Wednesday of that week.",
        2,
      ],
    ];
    for (const [fromInvestor, body, daysAgo] of messages)
      await trx
        .insertInto("project_message")
        .values({
          project_id: project.id,
          author_id: fromInvestor ? investor.id : project.owner_id,
          from_investor: fromInvestor,
          body,
          created_at: new Date(now - daysAgo * DAY),
        })
        .execute();
    const stored = await storeUpload(trx, {
      bytes: new TextEncoder().encode(PROPOSAL_PDF),
      filename: "Zizhu site visit proposal.pdf",
      allowedTypes: ["application/pdf"],
      maxBytes: 100_000,
      uploadedBy: project.owner_id,
      context: "project",
      ownerId: project.id,
    });
    if (stored.ok)
      await trx
        .insertInto("project_document")
        .values({
          project_id: project.id,
          stored_file_id: stored.file.id,
          file_name: stored.file.filename,
          content_type: stored.file.contentType,
          size_bytes: stored.file.sizeBytes,
          from_investor: false,
          uploaded_by: project.owner_id,
          created_at: new Date(now - 2 * DAY),
        })
        .execute();
  });
}
