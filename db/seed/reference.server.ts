/** Reference data every installation needs (not demo data). Idempotent: safe to run at every start. */
import type { Executor } from "../executor";

export const ROLES = [
  {
    name: "admin",
    scope: "park",
    label_en: "Administrator",
    label_zh: "管理员",
    description_en: "Manages accounts, roles, programmes and settings.",
    description_zh: "管理账户、角色、项目和系统设置。",
  },
  {
    name: "staff",
    scope: "park",
    label_en: "Park staff",
    label_zh: "园区工作人员",
    description_en: "Publishes news, screens applications and handles service requests.",
    description_zh: "发布新闻、初审申请、处理服务需求。",
  },
  {
    name: "reviewer",
    scope: "park",
    label_en: "Reviewer",
    label_zh: "评审专家",
    description_en: "Scores the incubation applications assigned to them.",
    description_zh: "为分配给自己的孵化申请评分。",
  },
  {
    name: "promotion",
    scope: "park",
    label_en: "Investment promotion",
    label_zh: "招商专员",
    description_en:
      "Works the investment-promotion pipeline: projects, stages, next steps and capital.",
    description_zh: "负责招商项目管线：项目、阶段、下一步和资金到位。",
  },
  {
    name: "owner",
    scope: "company",
    label_en: "Company owner",
    label_zh: "企业管理员",
    description_en: "Edits the company and manages its members.",
    description_zh: "编辑企业信息并管理成员。",
  },
  {
    name: "member",
    scope: "company",
    label_en: "Company member",
    label_zh: "企业成员",
    description_en: "Acts for the company: applications and service requests.",
    description_zh: "代表企业提交申请和服务需求。",
  },
] as const;

/**
 * China's official 2026 schedule (State Council General Office): public holidays, and the
 * weekend days that are working days in exchange ("make-up" days). The SLA clock counts
 * business hours against it. Admins add each later year at /admin/services/calendar once it is
 * published (usually in November); existing rows are never overwritten, so an admin's
 * corrections stand.
 */
export const CALENDAR_2026: { day: string; kind: "holiday" | "workday"; en: string; zh: string }[] =
  [
    ...range("2026-01-01", 3).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "New Year's Day",
      zh: "元旦",
    })),
    {
      day: "2026-01-04",
      kind: "workday",
      en: "Make-up working day (New Year)",
      zh: "元旦调休上班",
    },
    {
      day: "2026-02-14",
      kind: "workday",
      en: "Make-up working day (Spring Festival)",
      zh: "春节调休上班",
    },
    ...range("2026-02-15", 9).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "Spring Festival",
      zh: "春节",
    })),
    {
      day: "2026-02-28",
      kind: "workday",
      en: "Make-up working day (Spring Festival)",
      zh: "春节调休上班",
    },
    ...range("2026-04-04", 3).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "Qingming Festival",
      zh: "清明节",
    })),
    ...range("2026-05-01", 5).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "Labour Day",
      zh: "劳动节",
    })),
    {
      day: "2026-05-09",
      kind: "workday",
      en: "Make-up working day (Labour Day)",
      zh: "劳动节调休上班",
    },
    ...range("2026-06-19", 3).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "Dragon Boat Festival",
      zh: "端午节",
    })),
    {
      day: "2026-09-20",
      kind: "workday",
      en: "Make-up working day (National Day)",
      zh: "国庆节调休上班",
    },
    ...range("2026-09-25", 3).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "Mid-Autumn Festival",
      zh: "中秋节",
    })),
    ...range("2026-10-01", 7).map((day) => ({
      day,
      kind: "holiday" as const,
      en: "National Day",
      zh: "国庆节",
    })),
    {
      day: "2026-10-10",
      kind: "workday",
      en: "Make-up working day (National Day)",
      zh: "国庆节调休上班",
    },
  ];

function range(first: string, days: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

export async function seedReferenceData(db: Executor): Promise<void> {
  await db
    .insertInto("business_calendar_day")
    .values(CALENDAR_2026.map((d) => ({ day: d.day, kind: d.kind, name_en: d.en, name_zh: d.zh })))
    .onConflict((oc) => oc.column("day").doNothing())
    .execute();
  for (const role of ROLES) {
    await db
      .insertInto("role")
      .values(role)
      .onConflict((oc) =>
        oc.column("name").doUpdateSet({
          label_en: role.label_en,
          label_zh: role.label_zh,
          description_en: role.description_en,
          description_zh: role.description_zh,
          scope: role.scope,
        }),
      )
      .execute();
  }
}
