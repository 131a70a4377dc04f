/**
 * Park pages (issue 3): the profile, the national evaluation rankings, industry clusters,
 * policies (searchable, with deadlines), spaces and the investment guide. All data that staff
 * edit on the desk; nothing here is text in code.
 */
import { sql, type Insertable } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { DB } from "#db/client.server";
import type { DB as Database } from "#db/schema";
import { searchTerms, type NewsActor } from "~/news/news.server";
import { Forbidden, fail, ok, type Result } from "~/lib/result";
import { IMAGE_TYPES, storeUpload } from "~/uploads/uploads.server";
import { isUuid } from "~/lib/ids";
import { textError } from "~/lib/text";
import type { ParkSection, SectionInput } from "./schema";

function requireManage(actor: NewsActor) {
  if (!can(actor, "manage:park:any")) throw new Forbidden();
}

export async function getProfile(db: Executor) {
  return db.selectFrom("park_profile").selectAll().where("id", "=", 1).executeTakeFirst();
}

export async function listRankings(db: Executor) {
  return db
    .selectFrom("park_ranking")
    .selectAll()
    .orderBy("year", "desc")
    .orderBy("position")
    .orderBy("measure")
    .execute();
}

/** The featured measures of the latest evaluation year (home page key facts). */
export async function keyFacts(db: Executor) {
  const latest = await db
    .selectFrom("park_ranking")
    .select(sql<number>`max(year)`.as("year"))
    .executeTakeFirst();
  if (!latest?.year) return [];
  return db
    .selectFrom("park_ranking")
    .selectAll()
    .where("year", "=", latest.year)
    .where("featured", "=", true)
    .orderBy("position")
    .limit(4)
    .execute();
}

export async function listIndustries(db: Executor) {
  return db
    .selectFrom("park_industry")
    .selectAll()
    .orderBy("position")
    .orderBy("name_en")
    .execute();
}

/** Policies by deadline; `publishedOnly` for visitors (drafts of the policy library stay on the desk). */
export async function listPolicies(
  db: Executor,
  q?: string | null,
  options: { publishedOnly?: boolean } = {},
) {
  let query = db
    .selectFrom("park_policy")
    .selectAll()
    .$if(!!options.publishedOnly, (qb) => qb.where("status", "=", "published"))
    .orderBy(sql`deadline IS NULL`)
    .orderBy("deadline")
    .orderBy("position");
  for (const term of searchTerms(q ?? ""))
    query = query.where(sql<boolean>`search_text LIKE ${"%" + term + "%"}`);
  return query.execute();
}

export async function listSpaces(db: Executor) {
  return db
    .selectFrom("park_space")
    .leftJoin("stored_file", "stored_file.id", "park_space.photo_file_id")
    .selectAll("park_space")
    .select(["stored_file.width as photo_width", "stored_file.height as photo_height"])
    .orderBy("park_space.position")
    .orderBy("park_space.name_en")
    .execute();
}

export async function listInvestSteps(db: Executor) {
  return db.selectFrom("park_invest_step").selectAll().orderBy("position").execute();
}

export interface ProfileInput {
  nameEn: string;
  nameZh: string;
  taglineEn: string;
  taglineZh: string;
  introEn: string;
  introZh: string;
  locationEn: string;
  locationZh: string;
}

/** Optimistic locking as for articles: a stale version is a conflict, nothing saved. */
export async function saveProfile(
  db: Executor,
  actor: NewsActor,
  version: number,
  input: ProfileInput,
): Promise<boolean> {
  requireManage(actor);
  return inTransaction(db, async (trx) => {
    const values = {
      name_en: input.nameEn,
      name_zh: input.nameZh,
      tagline_en: input.taglineEn,
      tagline_zh: input.taglineZh,
      intro_en: input.introEn,
      intro_zh: input.introZh,
      location_en: input.locationEn,
      location_zh: input.locationZh,
    };
    let saved = true;
    if (await getProfile(trx)) {
      const r = await trx
        .updateTable("park_profile")
        .set({ ...values, version: sql<number>`version + 1`, updated_at: new Date() })
        .where("id", "=", 1)
        .where("version", "=", version)
        .executeTakeFirst();
      saved = Number(r.numUpdatedRows) === 1;
    } else {
      await trx
        .insertInto("park_profile")
        .values({ id: 1, ...values })
        .execute();
    }
    if (saved)
      await audit(trx, {
        actorId: actor.id,
        action: "park.profile.update",
        entityType: "park_profile",
        entityId: "1",
      });
    return saved;
  });
}

export interface RankingInput {
  id?: string | null;
  year: number;
  measure: string;
  measureEn: string;
  measureZh: string;
  rank: number;
  outOf?: number | null;
  featured: boolean;
  position: number;
}

export async function saveRanking(db: Executor, actor: NewsActor, input: RankingInput) {
  requireManage(actor);
  if (input.id && !isUuid(input.id)) return;
  return inTransaction(db, async (trx) => {
    const values = {
      year: input.year,
      measure: input.measure,
      measure_en: input.measureEn,
      measure_zh: input.measureZh,
      rank: input.rank,
      out_of: input.outOf ?? null,
      featured: input.featured,
      position: input.position,
    };
    if (input.id)
      await trx.updateTable("park_ranking").set(values).where("id", "=", input.id).execute();
    else
      await trx
        .insertInto("park_ranking")
        .values(values)
        .onConflict((oc) => oc.columns(["year", "measure"]).doUpdateSet(values))
        .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "park.ranking.save",
      entityType: "park_ranking",
      entityId: input.id || null,
      details: { year: input.year, measure: input.measure, rank: input.rank },
    });
  });
}

type Table = "park_ranking" | "park_industry" | "park_policy" | "park_space" | "park_invest_step";

export async function deleteParkRow(db: Executor, actor: NewsActor, table: Table, id: string) {
  requireManage(actor);
  return inTransaction(db, async (trx) => {
    if (!isUuid(id)) return;
    const removed = await trx.deleteFrom(table).where("id", "=", id).executeTakeFirst();
    if (!Number(removed.numDeletedRows)) return;
    await audit(trx, {
      actorId: actor.id,
      action: "park.row.delete",
      entityType: table,
      entityId: id,
    });
  });
}

/** The tables whose rows are plain lists (no natural key, no version): one save serves them all. */
type ListTable = Exclude<Table, "park_ranking">;

/**
 * Saves one row of a list section: updates it when `id` names one (an unknown id saves
 * nothing), inserts it otherwise; the audit entry (`park.<row>.save`) commits with it.
 */
async function saveListRow<T extends ListTable>(
  db: Executor,
  actor: NewsActor,
  table: T,
  id: string | null | undefined,
  values: Insertable<Database[T]>,
): Promise<void> {
  requireManage(actor);
  if (id && !isUuid(id)) return;
  // One table of the union at a time; the caller's `values` are checked against its own.
  const rows = table as "park_industry";
  const row = values as Insertable<Database["park_industry"]>;
  return inTransaction(db, async (trx) => {
    const saved = id
      ? await trx.updateTable(rows).set(row).where("id", "=", id).returning("id").executeTakeFirst()
      : await trx.insertInto(rows).values(row).returning("id").executeTakeFirstOrThrow();
    if (saved)
      await audit(trx, {
        actorId: actor.id,
        action: `park.${table.replace(/^park_/, "")}.save`,
        entityType: table,
        entityId: saved.id,
        details: { created: !id },
      });
  });
}

export interface IndustryInput {
  id?: string | null;
  nameEn: string;
  nameZh: string;
  summaryEn: string;
  summaryZh: string;
  position: number;
}

export async function saveIndustry(db: Executor, actor: NewsActor, input: IndustryInput) {
  return saveListRow(db, actor, "park_industry", input.id, {
    name_en: input.nameEn,
    name_zh: input.nameZh,
    summary_en: input.summaryEn,
    summary_zh: input.summaryZh,
    position: input.position,
  });
}

export interface PolicyInput {
  id?: string | null;
  titleEn: string;
  titleZh: string;
  summaryEn: string;
  summaryZh: string;
  deadline?: string | null;
  link?: string | null;
  position: number;
}

export async function savePolicy(db: Executor, actor: NewsActor, input: PolicyInput) {
  return saveListRow(db, actor, "park_policy", input.id, {
    title_en: input.titleEn,
    title_zh: input.titleZh,
    summary_en: input.summaryEn,
    summary_zh: input.summaryZh,
    deadline: input.deadline || null,
    link: input.link || null,
    position: input.position,
  });
}

export interface SpaceInput {
  id?: string | null;
  kind: "office" | "lab" | "unit";
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  areaMin?: number | null;
  areaMax?: number | null;
  priceMin?: number | null;
  priceMax?: number | null;
  availability: "available" | "limited" | "full";
  position: number;
}

export async function saveSpace(db: Executor, actor: NewsActor, input: SpaceInput) {
  return saveListRow(db, actor, "park_space", input.id, {
    kind: input.kind,
    name_en: input.nameEn,
    name_zh: input.nameZh,
    description_en: input.descriptionEn,
    description_zh: input.descriptionZh,
    area_min_m2: input.areaMin ?? null,
    area_max_m2: input.areaMax ?? null,
    price_min: input.priceMin != null ? String(input.priceMin) : null,
    price_max: input.priceMax != null ? String(input.priceMax) : null,
    availability: input.availability,
    position: input.position,
  });
}

export interface InvestStepInput {
  id?: string | null;
  position: number;
  titleEn: string;
  titleZh: string;
  bodyEn: string;
  bodyZh: string;
  documentsEn: string;
  documentsZh: string;
  durationEn: string;
  durationZh: string;
}

export async function saveInvestStep(db: Executor, actor: NewsActor, input: InvestStepInput) {
  return saveListRow(db, actor, "park_invest_step", input.id, {
    position: input.position,
    title_en: input.titleEn,
    title_zh: input.titleZh,
    body_en: input.bodyEn,
    body_zh: input.bodyZh,
    documents_en: input.documentsEn,
    documents_zh: input.documentsZh,
    duration_en: input.durationEn,
    duration_zh: input.durationZh,
  });
}

/**
 * The desk's one form handler: saves a section's parsed values (`parseSection` in
 * ./schema). Answers false for a stale profile version (nothing saved).
 */
export async function saveSection(
  db: Executor,
  actor: NewsActor,
  input: SectionInput,
): Promise<boolean> {
  switch (input.section) {
    case "profile":
      return saveProfile(db, actor, input.data.version, input.data);
    case "ranking":
      await saveRanking(db, actor, input.data);
      return true;
    case "industry":
      await saveIndustry(db, actor, input.data);
      return true;
    case "policy":
      await savePolicy(db, actor, input.data);
      return true;
    case "space":
      await saveSpace(db, actor, input.data);
      return true;
    case "step":
      await saveInvestStep(db, actor, input.data);
      return true;
  }
}

/** The table a section's delete button removes rows from (the profile has none). */
export const SECTION_TABLES: Record<Exclude<ParkSection, "profile">, Table> = {
  ranking: "park_ranking",
  industry: "park_industry",
  policy: "park_policy",
  space: "park_space",
  step: "park_invest_step",
};

export const MAX_SPACE_PHOTO_BYTES = 5_000_000;

export type SpacePhotoResult = Result<object, "empty" | "tooLarge" | "type" | "alt" | "notFound">;

/**
 * A space's photo: checked by content (images only), size limited, stored with its width and
 * height so pages reserve its room; the alt texts describe it in both languages.
 */
export async function setSpacePhoto(
  db: DB,
  actor: NewsActor,
  spaceId: string,
  file: { bytes: Uint8Array; filename: string; declaredType?: string },
  alt: { en: string; zh: string },
): Promise<SpacePhotoResult> {
  requireManage(actor);
  if (!isUuid(spaceId)) return fail("notFound");
  if (textError(alt.en, 300) || textError(alt.zh, 300)) return fail("alt");
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("park_space")
      .select("id")
      .where("id", "=", spaceId)
      .executeTakeFirst();
    if (!row) return fail("notFound");
    const stored = await storeUpload(trx, {
      ...file,
      allowedTypes: IMAGE_TYPES,
      maxBytes: MAX_SPACE_PHOTO_BYTES,
      uploadedBy: actor.id,
      context: "park-space",
      ownerId: spaceId,
    });
    if (!stored.ok) return fail(stored.error);
    await trx
      .updateTable("park_space")
      .set({
        photo_file_id: stored.file.id,
        photo_alt_en: alt.en.trim() || null,
        photo_alt_zh: alt.zh.trim() || null,
      })
      .where("id", "=", spaceId)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "park.space.photo",
      entityType: "park_space",
      entityId: spaceId,
      details: { fileId: stored.file.id },
    });
    return ok();
  });
}
