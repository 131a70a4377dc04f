/**
 * Rows for unit tests, one factory per thing, each taking the test database first (as the
 * domain functions do) and returning what tests use next. Rows are inserted with Kysely where
 * the thing is setup for the test (people, companies, calls), and made by the domain functions
 * where the way they are made matters (`signedUpUser`, `publishedArticle`). Every default is
 * unique per call, so tests in one file never collide; pass what a test asserts on.
 *
 *   const owner = await insertUser(t.db, { roles: ["staff"] });
 *   const member = await insertCompanyMember(t.db, { resident: true });
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../../db/executor";
import { signUp } from "~/accounts/accounts.server";
import type { CompanyRole, ParkRole } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { createArticle, publishArticle, type NewsActor } from "~/news/news.server";

export const TEST_ORIGIN = "http://portal.test";
const DAY = 86_400_000;

let counter = 0;
/** `<n>-<random>`: unique within the file and across files sharing a server. */
export function uniqueSuffix(): string {
  return `${++counter}-${crypto.randomBytes(3).toString("hex")}`;
}

/** An ISO time string or a Date for `created_at`, as written to the row. */
const at = (value: string | Date) =>
  sql<Date>`${value instanceof Date ? value.toISOString() : value}::timestamptz`;

// --- People ---------------------------------------------------------------------------------

export interface UserOptions {
  name?: string;
  /** Default `<name as a slug>-<unique>@example.com`. */
  email?: string;
  roles?: readonly ParkRole[];
  locale?: "en" | "zh-CN";
  /** Email confirmed (default false, as after a sign-up). */
  verified?: boolean;
  createdAt?: string | Date;
  /** Default a string no password matches. */
  passwordHash?: string;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  locale: "en" | "zh-CN";
  roles: ParkRole[];
}

/** A person inserted directly (no email sent, no throttle counted), with park roles. */
export async function insertUser(db: Executor, opts: UserOptions = {}): Promise<TestUser> {
  const name = opts.name ?? `Person ${uniqueSuffix()}`;
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "person";
  const email = opts.email ?? `${slug}-${uniqueSuffix()}@example.com`;
  const locale = opts.locale ?? "en";
  const row = await db
    .insertInto("app_user")
    .values({
      email,
      name,
      locale,
      password_hash: opts.passwordHash ?? "not-a-real-hash",
      email_verified_at: opts.verified ? new Date() : null,
      ...(opts.createdAt ? { created_at: at(opts.createdAt) } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const roles = [...(opts.roles ?? [])];
  for (const role of roles)
    await db.insertInto("user_role").values({ user_id: row.id, role }).execute();
  return { id: row.id, email, name, locale, roles };
}

/** A person made through the sign-up form's domain function, so with a real password hash. */
export async function signedUpUser(
  db: Executor,
  opts: { email?: string; password: string; name?: string; ip?: string },
): Promise<{ id: string; email: string }> {
  const email = opts.email ?? `signup-${uniqueSuffix()}@example.com`;
  await signUp(
    db,
    { name: opts.name ?? "Account Tester", email, password: opts.password, locale: "en" },
    { origin: TEST_ORIGIN, ip: opts.ip ?? "10.250.0.1" },
  );
  const { id } = await db
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { id, email };
}

// --- Companies ------------------------------------------------------------------------------

export interface CompanyOptions {
  nameEn?: string;
  /** Default `<nameEn>（中文）`. */
  nameZh?: string;
  creditCode?: string | null;
  industry?: string;
  size?: string;
  resident?: boolean;
  createdAt?: string | Date;
  /** A user id: the owner. */
  owner?: string;
  /** User ids: members. */
  members?: readonly string[];
}

export interface TestCompany {
  id: string;
  nameEn: string;
  nameZh: string;
  isResident: boolean;
}

export async function insertCompany(db: Executor, opts: CompanyOptions = {}): Promise<TestCompany> {
  const nameEn = opts.nameEn ?? `Company ${uniqueSuffix()}`;
  const nameZh = opts.nameZh ?? `${nameEn}（中文）`;
  const isResident = opts.resident ?? false;
  const row = await db
    .insertInto("company")
    .values({
      name_en: nameEn,
      name_zh: nameZh,
      credit_code: opts.creditCode ?? null,
      industry: opts.industry ?? "ai",
      size: opts.size ?? "1-9",
      is_resident: isResident,
      ...(opts.createdAt ? { created_at: at(opts.createdAt) } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (opts.owner) await addMembership(db, row.id, opts.owner, "owner");
  for (const member of opts.members ?? []) await addMembership(db, row.id, member, "member");
  return { id: row.id, nameEn, nameZh, isResident };
}

export async function addMembership(
  db: Executor,
  companyId: string,
  userId: string,
  role: CompanyRole = "member",
): Promise<void> {
  await db
    .insertInto("company_member")
    .values({ company_id: companyId, user_id: userId, role })
    .execute();
}

/** The signed-in person as the session sees them (`requireUser` and the domain take this). */
export function sessionUserOf(
  user: TestUser,
  membership?: { company: TestCompany; role: CompanyRole },
): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    emailVerified: true,
    roles: user.roles,
    company: membership
      ? {
          id: membership.company.id,
          role: membership.role,
          nameEn: membership.company.nameEn,
          nameZh: membership.company.nameZh,
          isResident: membership.company.isResident,
        }
      : null,
  };
}

/** A park staff member (or other park roles) as a session user. */
export async function insertStaff(db: Executor, opts: UserOptions = {}): Promise<SessionUser> {
  return sessionUserOf(await insertUser(db, { roles: ["staff"], ...opts }));
}

/** A person who owns (or is a member of) a new company, as a session user. */
export async function insertCompanyMember(
  db: Executor,
  opts: {
    user?: UserOptions;
    company?: CompanyOptions;
    resident?: boolean;
    role?: CompanyRole;
  } = {},
): Promise<SessionUser> {
  const user = await insertUser(db, opts.user);
  const role = opts.role ?? "owner";
  const company = await insertCompany(db, {
    nameEn: `${user.name} Co`,
    resident: opts.resident,
    ...opts.company,
  });
  await addMembership(db, company.id, user.id, role);
  return sessionUserOf(user, { company, role });
}

// --- Service requests -----------------------------------------------------------------------

/** A service category and a type in it; returns the type's id. */
export async function insertServiceType(
  db: Executor,
  opts: {
    code?: string;
    nameEn?: string;
    nameZh?: string;
    categoryId?: string;
    teamId?: string | null;
    residentOnly?: boolean;
  } = {},
): Promise<string> {
  const code = opts.code ?? `type-${uniqueSuffix()}`;
  const categoryId =
    opts.categoryId ??
    (
      await db
        .insertInto("service_category")
        .values({ code: `cat-${uniqueSuffix()}`, name_en: "Category", name_zh: "类别" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const row = await db
    .insertInto("service_type")
    .values({
      code,
      category_id: categoryId,
      name_en: opts.nameEn ?? code,
      name_zh: opts.nameZh ?? code,
      default_team_id: opts.teamId ?? null,
      resident_only: opts.residentOnly ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

// --- Incubation -----------------------------------------------------------------------------

export async function insertProgramme(db: Executor, opts: { slug?: string } = {}): Promise<string> {
  const row = await db
    .insertInto("incubation_programme")
    .values({ slug: opts.slug ?? `p-${uniqueSuffix()}`, name_en: "Incubator", name_zh: "孵化器" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CallOptions {
  /** Default a new programme. */
  programmeId?: string;
  slug?: string;
  titleEn?: string;
  /** Days from now (negative: in the past). Default: opened yesterday, closes in ten days. */
  opensInDays?: number;
  closesInDays?: number;
  places?: number;
  questions?: readonly object[];
  documents?: readonly object[];
  rubric?: readonly object[];
}

/** An incubation call inserted directly (tests that are not about editing calls). */
export async function insertCall(db: Executor, opts: CallOptions = {}): Promise<string> {
  const programmeId = opts.programmeId ?? (await insertProgramme(db));
  const row = await db
    .insertInto("incubation_call")
    .values({
      programme_id: programmeId,
      slug: opts.slug ?? `c-${uniqueSuffix()}`,
      title_en: opts.titleEn ?? "Call",
      title_zh: "批次",
      opens_at: new Date(Date.now() + (opts.opensInDays ?? -1) * DAY),
      closes_at: new Date(Date.now() + (opts.closesInDays ?? 10) * DAY),
      places: opts.places ?? 5,
      questions: JSON.stringify(opts.questions ?? []),
      documents: JSON.stringify(opts.documents ?? []),
      rubric: JSON.stringify(opts.rubric ?? []),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An application in a status, of `companyId` or of a new company with a new owner. */
export async function insertApplication(
  db: Executor,
  opts: {
    callId: string;
    companyId?: string;
    status?: string;
    decision?: "accepted" | "rejected";
  },
): Promise<string> {
  const companyId =
    opts.companyId ?? (await insertCompany(db, { owner: (await insertUser(db)).id })).id;
  const row = await db
    .insertInto("application")
    .values({
      call_id: opts.callId,
      company_id: companyId,
      status: opts.status ?? "draft",
      decision_outcome: opts.decision ?? null,
      decision_letter: opts.decision ? "Letter" : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

// --- News -----------------------------------------------------------------------------------

/** An article made and published by `actor` through the news desk's functions. */
export async function publishedArticle(
  db: Executor,
  actor: NewsActor,
  input: Parameters<typeof createArticle>[2],
): Promise<Awaited<ReturnType<typeof createArticle>>> {
  const article = await createArticle(db, actor, input);
  const published = await publishArticle(db, actor, article.id, null);
  if (!published.ok) throw new Error(`publish: ${JSON.stringify(published)}`);
  return article;
}
