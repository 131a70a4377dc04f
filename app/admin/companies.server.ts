/** The admin's view of companies: search with member counts (keyset-paged) and detail with members. */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { recentActivity } from "~/audit/audit.server";
import { membersQuery } from "~/companies/companies.server";
import { cursorAt, decodeCursor, keysetPage, olderThan } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import { containsPattern } from "./users.server";

export const COMPANY_PAGE_SIZE = 25;

const companyCursorAt = cursorAt("company.created_at");

export interface CompanySearchOptions {
  q?: string;
  resident?: "yes" | "no";
  cursor?: string;
  limit?: number;
}

/** Newest first, keyset-paged by (created_at, id); `q` matches either name or the credit code. */
export async function listCompanies(db: Executor, opts: CompanySearchOptions = {}) {
  const limit = Math.min(Math.max(opts.limit ?? COMPANY_PAGE_SIZE, 1), 100);
  let query = db
    .selectFrom("company")
    .leftJoin("company_member as owner_member", (join) =>
      join
        .onRef("owner_member.company_id", "=", "company.id")
        .on("owner_member.role", "=", "owner"),
    )
    .leftJoin("app_user as owner", "owner.id", "owner_member.user_id")
    .select([
      "company.id",
      "company.name_en",
      "company.name_zh",
      "company.credit_code",
      "company.industry",
      "company.size",
      "company.is_resident",
      "company.created_at",
      "owner.id as owner_id",
      "owner.name as owner_name",
      "owner.email as owner_email",
      sql<number>`(SELECT count(*) FROM company_member cm WHERE cm.company_id = company.id)::int`.as(
        "member_count",
      ),
      companyCursorAt.as("cursor_at"),
    ])
    .orderBy("company.created_at", "desc")
    .orderBy("company.id", "desc")
    .limit(limit + 1);
  const text = opts.q?.trim();
  if (text) {
    const pattern = containsPattern(text);
    query = query.where((eb) =>
      eb.or([
        eb("company.name_en", "ilike", pattern),
        eb("company.name_zh", "ilike", pattern),
        eb("company.credit_code", "ilike", pattern),
      ]),
    );
  }
  if (opts.resident) query = query.where("company.is_resident", "=", opts.resident === "yes");
  const cursor = decodeCursor(opts.cursor);
  if (cursor) query = query.where(olderThan("company.created_at", "company.id", cursor));
  const { items, nextCursor } = keysetPage(await query.execute(), limit);
  return {
    items: items.map((r) => ({
      id: r.id,
      nameEn: r.name_en,
      nameZh: r.name_zh,
      creditCode: r.credit_code,
      industry: r.industry,
      size: r.size,
      isResident: r.is_resident,
      createdAt: r.created_at,
      memberCount: r.member_count,
      owner: r.owner_id
        ? { id: r.owner_id, name: r.owner_name ?? "", email: r.owner_email ?? "" }
        : null,
    })),
    nextCursor,
  };
}

export async function getCompanyDetail(db: Executor, companyId: string, now = new Date()) {
  if (!isUuid(companyId)) return undefined;
  const company = await db
    .selectFrom("company")
    .selectAll()
    .where("id", "=", companyId)
    .executeTakeFirst();
  if (!company) return undefined;
  const members = await membersQuery(db, companyId).select("app_user.disabled_at").execute();
  const invitations = await db
    .selectFrom("company_invitation")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("company_id", "=", companyId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  const activity = await recentActivity(db, { entityType: "company", entityId: companyId });
  return {
    id: company.id,
    nameEn: company.name_en,
    nameZh: company.name_zh,
    creditCode: company.credit_code,
    industry: company.industry,
    website: company.website,
    size: company.size,
    isResident: company.is_resident,
    residentSince: company.resident_since,
    directoryOptIn: company.directory_opt_in,
    createdAt: company.created_at,
    updatedAt: company.updated_at,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      disabled: m.disabled_at !== null,
      role: m.role,
      joinedAt: m.joined_at,
    })),
    pendingInvitations: invitations.count,
    activity,
  };
}
export type CompanyDetail = NonNullable<Awaited<ReturnType<typeof getCompanyDetail>>>;
