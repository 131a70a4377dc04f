/**
 * Demo data for service requests (issue 5): the catalogue (from ../shared/facts/park.md) with
 * bilingual names and a few fields per type, three teams with the demo staff, SLA targets, an
 * example holiday-calendar entry, and requests in every state, one of them breached.
 * Idempotent: catalogue rows upsert by code; requests are filed with fixed idempotency keys, so
 * a second run files nothing.
 */
import { sql } from "kysely";
import type { SessionUser } from "~/auth/session.server";
import { DEFAULT_TARGETS, loadCalendar } from "~/service-requests/catalogue.server";
import { ensureSweepScheduled } from "~/service-requests/jobs.server";
import {
  fileRequest,
  rateRequest,
  refreshSla,
  requesterReply,
  requesterSetState,
  staffChange,
  type StaffChange,
} from "~/service-requests/service-requests.server";
import {
  addBusinessMs,
  isWorkingDay,
  localDate,
  type BusinessCalendar,
} from "~/service-requests/business-hours";
import { PRIORITIES } from "~/service-requests/workflow";
import { storeUploads } from "~/service-requests/files.server";
import { demoPdf } from "./demo-incubation.server";
import type { DB } from "../client.server";
import type { Executor } from "../executor";

const CATEGORIES = [
  {
    code: "business-setup",
    position: 1,
    name_en: "Setting up and trading",
    name_zh: "企业设立与经营",
    description_en: "Registration, licences, import and export.",
    description_zh: "工商注册、经营许可、进出口。",
  },
  {
    code: "policy-funding",
    position: 2,
    name_en: "Policy, certification and funding",
    name_zh: "政策、认定与融资",
    description_en: "Subsidies, high-tech certification and meeting investors.",
    description_zh: "补贴政策、高新技术企业认定和投资对接。",
  },
  {
    code: "innovation",
    position: 3,
    name_en: "Innovation and intellectual property",
    name_zh: "创新与知识产权",
    description_en: "Patents, trademarks and working with universities.",
    description_zh: "专利、商标以及与高校的合作。",
  },
  {
    code: "talent",
    position: 4,
    name_en: "Talent",
    name_zh: "人才服务",
    description_en: "Recruiting, work permits, visas and housing for your people.",
    description_zh: "招聘、工作许可、签证和人才住房。",
  },
  {
    code: "property",
    position: 5,
    name_en: "Space and property",
    name_zh: "空间与物业",
    description_en: "Offices, labs and their upkeep.",
    description_zh: "办公室、实验室及其维护。",
  },
] as const;

const TEAMS = [
  {
    code: "enterprise-services",
    name_en: "Enterprise services",
    name_zh: "企业服务部",
    lead: "staff@demo.zizhupark.example",
    members: ["staff@demo.zizhupark.example", "admin@demo.zizhupark.example"],
  },
  {
    code: "talent-services",
    name_en: "Talent services",
    name_zh: "人才服务部",
    lead: "admin@demo.zizhupark.example",
    members: ["admin@demo.zizhupark.example", "staff@demo.zizhupark.example"],
  },
  {
    code: "property-management",
    name_en: "Property management",
    name_zh: "物业管理部",
    lead: "staff@demo.zizhupark.example",
    members: ["staff@demo.zizhupark.example"],
  },
] as const;

type FieldSeed = {
  key: string;
  label_en: string;
  label_zh: string;
  kind: "text" | "number" | "date" | "choice" | "file";
  required: boolean;
  options?: { value: string; en: string; zh: string }[];
};

const field = (
  key: string,
  label_en: string,
  label_zh: string,
  kind: FieldSeed["kind"],
  required: boolean,
  options?: FieldSeed["options"],
): FieldSeed => ({ key, label_en, label_zh, kind, required, options });

interface TypeSeed {
  code: string;
  category: string;
  team: string;
  resident_only: boolean;
  name_en: string;
  name_zh: string;
  description_en: string;
  description_zh: string;
  fields: FieldSeed[];
}

function serviceType(
  {
    code,
    category,
    team,
    residentOnly = false,
  }: { code: string; category: string; team: string; residentOnly?: boolean },
  [name_en, name_zh]: [string, string],
  [description_en, description_zh]: [string, string],
  fields: FieldSeed[],
): TypeSeed {
  return {
    code,
    category,
    team,
    resident_only: residentOnly,
    name_en,
    name_zh,
    description_en,
    description_zh,
    fields,
  };
}

const TYPES: TypeSeed[] = [
  serviceType(
    { code: "business-registration", category: "business-setup", team: "enterprise-services" },
    ["Business registration and licensing", "工商注册与经营许可"],
    [
      "Help with registering a company or branch in the park, changing registered details, or obtaining an operating licence.",
      "协助在园区注册公司或分支机构、办理登记事项变更或申领经营许可。",
    ],
    [
      field("matter", "What do you need?", "办理事项", "choice", true, [
        { value: "new_company", en: "Register a new company", zh: "新设公司" },
        { value: "branch", en: "Register a branch", zh: "设立分支机构" },
        { value: "change", en: "Change registered details", zh: "登记事项变更" },
        { value: "licence", en: "Operating licence", zh: "经营许可" },
      ]),
      field("target_date", "Needed by", "期望完成日期", "date", false),
    ],
  ),
  serviceType(
    { code: "import-export", category: "business-setup", team: "enterprise-services" },
    ["Import, export and customs", "进出口与海关事务"],
    [
      "Guidance on import and export qualifications, customs declarations and bonded logistics.",
      "进出口资质、报关手续和保税物流方面的指导。",
    ],
    [
      field("goods", "Goods concerned", "涉及货物", "text", true),
      field("direction", "Direction", "方向", "choice", true, [
        { value: "import", en: "Import", zh: "进口" },
        { value: "export", en: "Export", zh: "出口" },
        { value: "both", en: "Both", zh: "进出口" },
      ]),
    ],
  ),
  serviceType(
    { code: "policy-subsidy", category: "policy-funding", team: "enterprise-services" },
    ["Policy and subsidy consulting", "政策与补贴咨询"],
    [
      "Which district, city and national support policies fit your company, and how to apply for them.",
      "了解适用于贵企业的区级、市级和国家级扶持政策，以及申报方式。",
    ],
    [field("topic", "Policy or subsidy you are asking about", "咨询的政策或补贴", "text", false)],
  ),
  serviceType(
    {
      code: "hitech-certification",
      category: "policy-funding",
      team: "enterprise-services",
      residentOnly: true,
    },
    ["High-tech enterprise certification", "高新技术企业认定"],
    [
      "Preparing and checking an application for national high-tech enterprise certification.",
      "协助准备并预审国家高新技术企业认定申请材料。",
    ],
    [
      field("rd_staff", "R&D staff (people)", "研发人员数（人）", "number", true),
      field("ip_count", "Core intellectual property items", "核心知识产权数量", "number", false),
      field(
        "financials",
        "Latest audited financial statements (PDF)",
        "最近一期审计报告（PDF）",
        "file",
        false,
      ),
    ],
  ),
  serviceType(
    { code: "financing", category: "policy-funding", team: "enterprise-services" },
    ["Financing and investor introduction", "融资与投资人对接"],
    [
      "Introductions to investors and banks the park works with, and preparation for a financing round.",
      "对接园区合作的投资机构和银行，协助筹备融资。",
    ],
    [
      field("stage", "Round", "融资轮次", "choice", true, [
        { value: "seed", en: "Seed / angel", zh: "种子轮 / 天使轮" },
        { value: "a", en: "Series A", zh: "A 轮" },
        { value: "b_plus", en: "Series B or later", zh: "B 轮及以后" },
        { value: "debt", en: "Bank loan", zh: "银行贷款" },
      ]),
      field("amount", "Amount sought (10,000 CNY)", "拟融资金额（万元）", "number", false),
    ],
  ),
  serviceType(
    { code: "intellectual-property", category: "innovation", team: "enterprise-services" },
    ["Intellectual property", "知识产权"],
    [
      "Patent and trademark filing, IP strategy and protection.",
      "专利与商标申请、知识产权布局与保护。",
    ],
    [
      field("kind", "Kind of IP", "知识产权类型", "choice", true, [
        { value: "patent", en: "Patent", zh: "专利" },
        { value: "trademark", en: "Trademark", zh: "商标" },
        { value: "software", en: "Software copyright", zh: "软件著作权" },
      ]),
    ],
  ),
  serviceType(
    { code: "tech-transfer", category: "innovation", team: "enterprise-services" },
    ["Technology transfer and university cooperation", "技术转移与校企合作"],
    [
      "Finding university labs and researchers, licensing technology and setting up joint projects.",
      "对接高校实验室与科研人员，开展技术许可和联合项目。",
    ],
    [field("field", "Technical field", "技术领域", "text", true)],
  ),
  serviceType(
    { code: "talent-recruitment", category: "talent", team: "talent-services" },
    ["Talent recruitment, work permits and visas", "人才招聘、工作许可与签证"],
    [
      "Recruiting, and work permits, residence permits and visas for international staff.",
      "人才招聘，以及外籍员工的工作许可、居留许可和签证办理。",
    ],
    [
      field("matter", "What do you need?", "办理事项", "choice", true, [
        { value: "recruiting", en: "Recruiting", zh: "人才招聘" },
        { value: "work_permit", en: "Work permit", zh: "工作许可" },
        { value: "visa", en: "Visa or residence permit", zh: "签证或居留许可" },
      ]),
      field("people", "Number of people", "涉及人数", "number", false),
    ],
  ),
  serviceType(
    { code: "talent-housing", category: "talent", team: "talent-services", residentOnly: true },
    ["Housing for talent", "人才住房"],
    ["Apartments for your staff in the park's talent housing.", "为贵企业员工申请园区人才公寓。"],
    [
      field("units", "Apartments needed", "所需套数", "number", true),
      field("move_in", "Move-in date", "入住日期", "date", false),
    ],
  ),
  serviceType(
    {
      code: "property-maintenance",
      category: "property",
      team: "property-management",
      residentOnly: true,
    },
    ["Office space and property maintenance", "办公空间与物业维修"],
    [
      "Renting more space, and repairs or maintenance in your premises.",
      "扩租办公空间，以及办公场所的报修和维护。",
    ],
    [
      field("location", "Building and room", "楼栋和房间号", "text", true),
      field("photo", "Photo of the problem", "问题照片", "file", false),
    ],
  ),
];

async function actorFor(db: DB, email: string): Promise<SessionUser> {
  const row = await db
    .selectFrom("app_user")
    .leftJoin("company_member", "company_member.user_id", "app_user.id")
    .leftJoin("company", "company.id", "company_member.company_id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "app_user.locale",
      "company_member.role as company_role",
      "company.id as company_id",
      "company.name_en",
      "company.name_zh",
      "company.is_resident",
    ])
    .where(sql`lower(app_user.email)`, "=", email.toLowerCase())
    .executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom("user_role")
    .select("role")
    .where("user_id", "=", row.id)
    .execute();
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: roles.map((r) => r.role as SessionUser["roles"][number]),
    company: row.company_id
      ? {
          id: row.company_id,
          role: row.company_role as "owner" | "member",
          nameEn: row.name_en ?? "",
          nameZh: row.name_zh ?? "",
          isResident: !!row.is_resident,
        }
      : null,
  } as SessionUser;
}

const DAY = 24 * 3600_000;
const ORIGIN = "http://localhost:3000";

interface Step {
  after: number; // ms after filing
  /** When set, `after` counts working time (the park's business hours) instead of wall time. */
  working?: boolean;
  by: "staff" | "requester";
  change?: Omit<StaffChange, "version">;
  reply?: string;
  rate?: { rating: number; comment: string };
}

/** A public staff reply `after` ms after filing, moving the request to `state` when given. */
function reply(after: number, body: string, state?: StaffChange["state"]): Step {
  return { after, by: "staff", change: { message: { body, visibility: "public" }, state } };
}

/** An internal staff note `after` ms after filing. */
function note(after: number, body: string): Step {
  return { after, by: "staff", change: { message: { body, visibility: "internal" } } };
}

export async function seedDemoServices(db: DB): Promise<string> {
  // Catalogue, teams, targets.
  const catIds = new Map<string, string>();
  for (const c of CATEGORIES) {
    const row = await db
      .insertInto("service_category")
      .values(c)
      .onConflict((oc) =>
        oc.column("code").doUpdateSet({
          name_en: c.name_en,
          name_zh: c.name_zh,
          description_en: c.description_en,
          description_zh: c.description_zh,
        }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    catIds.set(c.code, row.id);
  }
  const teamIds = new Map<string, string>();
  for (const team of TEAMS) {
    const lead = await actorFor(db, team.lead);
    const row = await db
      .insertInto("service_team")
      .values({ code: team.code, name_en: team.name_en, name_zh: team.name_zh, lead_id: lead.id })
      .onConflict((oc) =>
        oc.column("code").doUpdateSet({ name_en: team.name_en, name_zh: team.name_zh }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    teamIds.set(team.code, row.id);
    for (const m of team.members) {
      const u = await actorFor(db, m);
      await db
        .insertInto("service_team_member")
        .values({ team_id: row.id, user_id: u.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  const typeIds = new Map<string, string>();
  for (const [i, t] of TYPES.entries()) {
    const { fields, category, team, ...rest } = t;
    const row = await db
      .insertInto("service_type")
      .values({
        ...rest,
        category_id: catIds.get(category)!,
        default_team_id: teamIds.get(team)!,
        position: i,
      })
      .onConflict((oc) => oc.column("code").doNothing())
      .returning("id")
      .executeTakeFirst();
    const id =
      row?.id ??
      (
        await db
          .selectFrom("service_type")
          .select("id")
          .where("code", "=", t.code)
          .executeTakeFirstOrThrow()
      ).id;
    typeIds.set(t.code, id);
    if (row) {
      for (const [j, f] of fields.entries()) {
        await db
          .insertInto("service_type_field")
          .values({
            type_id: id,
            key: f.key,
            label_en: f.label_en,
            label_zh: f.label_zh,
            kind: f.kind,
            required: f.required,
            options: JSON.stringify(f.options ?? []),
            position: j,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const p of PRIORITIES) {
        // Property repairs are answered faster; everything else uses the park's defaults.
        const factor = t.code === "property-maintenance" ? 0.5 : 1;
        await db
          .insertInto("service_sla_target")
          .values({
            type_id: id,
            priority: p,
            first_response_minutes: Math.round(DEFAULT_TARGETS[p].firstResponse * factor),
            resolution_minutes: Math.round(DEFAULT_TARGETS[p].resolution * factor),
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  }
  // 2026 comes with the reference data; 2027 starts with its one certain holiday.
  await db
    .insertInto("business_calendar_day")
    .values({
      day: "2027-01-01",
      kind: "holiday",
      name_en: "New Year's Day (enter the rest of 2027 once it is published)",
      name_zh: "元旦（2027 年其余安排公布后请录入）",
    })
    .onConflict((oc) => oc.doNothing())
    .execute();

  // Requests in every state.
  const ownerA = await actorFor(db, "owner@demo.zizhupark.example");
  const memberA = await actorFor(db, "member@demo.zizhupark.example");
  const ownerB = await actorFor(db, "owner-b@demo.zizhupark.example");
  const staff = await actorFor(db, "staff@demo.zizhupark.example");
  const admin = await actorFor(db, "admin@demo.zizhupark.example");
  const now = Date.now();
  const demos: {
    key: string;
    who: SessionUser;
    type: string;
    subject: string;
    description: string;
    fields: Record<string, string>;
    daysAgo: number;
    steps: Step[];
  }[] = [
    {
      key: "new",
      who: memberA,
      type: "talent-recruitment",
      subject: "Work permit for a new optical engineer",
      description:
        "We are hiring an optical engineer from Germany who starts in two months. Please tell us which documents the work permit needs and how long it takes.",
      fields: { matter: "work_permit", people: "1" },
      daysAgo: 0.05,
      steps: [],
    },
    {
      key: "triaged",
      who: ownerA,
      type: "policy-subsidy",
      subject: "Which R&D subsidies can we apply for this year?",
      description:
        "We doubled our R&D headcount this year. Which district and city programmes should we look at, and when do they open?",
      fields: { topic: "R&D expense subsidies" },
      daysAgo: 1,
      steps: [{ after: 2 * 3600_000, by: "staff", change: { state: "triaged" } }],
    },
    {
      key: "in-progress",
      who: memberA,
      type: "intellectual-property",
      subject: "PCT filing for our waveguide patent",
      description:
        "Our Chinese patent application for a photonic waveguide coupler was filed in March. We would like advice on a PCT filing before the priority year ends.",
      fields: { kind: "patent" },
      daysAgo: 2,
      steps: [
        { after: 3600_000, by: "staff", change: { state: "in_progress" } },
        reply(
          2 * 3600_000,
          "Thank you. We are checking the dates with our IP partner firm and will come back with a plan.",
        ),
        note(2.5 * 3600_000, "Asked the partner firm for a quote; expect their reply by Thursday."),
      ],
    },
    {
      key: "waiting-requester",
      who: ownerA,
      type: "talent-housing",
      subject: "Two apartments for new researchers",
      description:
        "Two researchers join us next month and would like to live in the park's talent apartments.",
      fields: { units: "2", move_in: "2027-01-04" },
      daysAgo: 3,
      steps: [
        { after: 3600_000, by: "staff", change: { state: "triaged" } },
        reply(
          2 * 3600_000,
          "Could you send the researchers' employment contracts? The housing office needs them before allocating apartments.",
          "waiting_on_requester",
        ),
        note(2.2 * 3600_000, "Two one-bedroom units free in building 3 from January."),
      ],
    },
    {
      key: "waiting-third-party",
      who: ownerB,
      type: "business-registration",
      subject: "Register our Shanghai branch in the park",
      description:
        "Northlight AI would like to register a branch office in the park. Our head office documents are ready.",
      fields: { matter: "branch" },
      daysAgo: 4,
      steps: [
        { after: 3600_000, by: "staff", change: { state: "in_progress" } },
        reply(
          5 * 3600_000,
          "We have submitted your documents to the market regulation bureau and are waiting for their review.",
          "waiting_on_third_party",
        ),
      ],
    },
    {
      key: "resolved",
      who: memberA,
      type: "property-maintenance",
      subject: "Air conditioning fault in lab 2-204",
      description:
        "The air conditioning in our lab stopped working this morning; the temperature is rising above what our equipment tolerates.",
      fields: { location: "Building 2, room 204" },
      daysAgo: 2,
      steps: [
        { after: 1800_000, by: "staff", change: { state: "in_progress", priority: "high" } },
        reply(
          2 * 3600_000,
          "The technician replaced a faulty compressor relay; the unit is running again. Please tell us if the temperature does not settle.",
          "resolved",
        ),
      ],
    },
    {
      key: "closed",
      who: ownerA,
      type: "financing",
      subject: "Introduction to hardware-focused investors",
      description:
        "We are preparing a Series A round and would welcome introductions to investors who know photonics hardware.",
      fields: { stage: "a", amount: "5000" },
      daysAgo: 20,
      steps: [
        reply(
          3600_000,
          "Happy to help. We will pick investors who know photonics hardware and introduce you this week.",
          "in_progress",
        ),
        reply(
          3 * DAY,
          "We have introduced you by email to three funds from the park's investor network.",
          "resolved",
        ),
        {
          after: 4 * DAY,
          by: "requester",
          rate: { rating: 5, comment: "Quick and well-chosen introductions." },
        },
        { after: 4.1 * DAY, by: "requester", change: { state: "closed" } },
      ],
    },
    {
      key: "reopened",
      who: memberA,
      type: "import-export",
      subject: "Customs code for imported laser diodes",
      description:
        "Which customs commodity code applies to the laser diodes we import for our test benches?",
      fields: { goods: "Laser diodes", direction: "import" },
      daysAgo: 6,
      steps: [
        { after: 3600_000, by: "staff", change: { state: "in_progress" } },
        reply(
          DAY,
          "Customs confirmed the code we suggested; details are in the attached note we emailed.",
          "resolved",
        ),
        {
          after: 2 * DAY,
          by: "requester",
          reply:
            "Our broker disagrees with that code for the packaged modules. Could you check again?",
        },
        { after: 2 * DAY + 60_000, by: "requester", change: { state: "reopened" } },
      ],
    },
    {
      key: "breached",
      who: ownerA,
      type: "tech-transfer",
      subject: "Joint lab with a university optics group",
      description:
        "We would like to set up a joint lab with a university optics group on silicon photonics packaging. Who should we talk to?",
      fields: { field: "Silicon photonics packaging" },
      daysAgo: 21,
      steps: [{ after: 3600_000, by: "staff", change: { state: "in_progress", priority: "high" } }],
    },
  ];
  demos.push(...demoHistory(memberA, ownerA, ownerB));
  let filed = 0;
  const calendar = await loadCalendar(db);
  for (const d of demos) {
    const type = typeIds.get(d.type)!;
    const start = demoFiledAt(now, d.daysAgo, calendar);
    // One demo file: a small PDF on the patent request.
    const store =
      d.key === "in-progress"
        ? (trx: Executor) =>
            storeUploads(
              trx,
              [
                {
                  bytes: demoPdf(
                    "Demo file: summary of a priority patent application (sample data).",
                  ),
                  filename: "priority-application-summary.pdf",
                  declaredType: "application/pdf",
                },
              ],
              d.who.id,
            )
        : undefined;
    const res = await fileRequest(
      db,
      d.who,
      {
        typeId: type,
        subject: d.subject,
        description: d.description,
        idempotencyKey: `demo-seed-${d.key}`,
        fields: d.fields,
        store,
      },
      ORIGIN,
      start,
    );
    if (!res.ok) throw new Error(`Demo request ${d.key} refused: ${JSON.stringify(res)}`);
    if (!res.created) continue;
    filed++;
    const assignee = d.type.startsWith("talent") ? admin : staff;
    await staffStep(db, assignee, res.ref, { assigneeId: assignee.id }, new Date(+start + 60_000));
    for (const step of d.steps) {
      const at = step.working
        ? addBusinessMs(start, step.after, calendar)
        : new Date(+start + step.after);
      if (step.by === "staff" && step.change) {
        await staffStep(db, assignee, res.ref, step.change, at);
      } else if (step.reply) {
        await requesterReply(db, d.who, res.ref, { body: step.reply }, ORIGIN, at);
      } else if (step.rate) {
        await rateRequest(db, d.who, res.ref, step.rate, at);
      } else if (step.change?.state) {
        const v = await db
          .selectFrom("service_request")
          .select("version")
          .where("ref", "=", res.ref)
          .executeTakeFirstOrThrow();
        await requesterSetState(db, d.who, res.ref, step.change.state, v.version, ORIGIN, at);
      }
    }
    const row = await db
      .selectFrom("service_request")
      .select("id")
      .where("ref", "=", res.ref)
      .executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => refreshSla(trx, row.id, new Date(now), calendar));
  }
  await ensureSweepScheduled(db);
  return `Service desk: ${TYPES.length} request types, ${TEAMS.length} teams, ${filed} demo requests.`;
}

/**
 * Six months of finished requests, so that the reports and the public service levels show
 * months, medians and satisfaction drawn from something: each was taken up, answered and
 * resolved after a realistic number of hours (a few after their SLA target), rated and closed.
 */
function demoHistory(
  memberA: SessionUser,
  ownerA: SessionUser,
  ownerB: SessionUser,
): {
  key: string;
  who: SessionUser;
  type: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  daysAgo: number;
  steps: Step[];
}[] {
  const H = 3600_000;
  const items: [string, SessionUser, string, Record<string, string>, number, number, number][] = [
    // type, requester, subject, fields, days ago, hours to resolve, rating
    [
      "policy-subsidy",
      ownerA,
      "Deadline of the district's software subsidy",
      { topic: "Software subsidy" },
      170,
      6,
      5,
    ],
    [
      "intellectual-property",
      memberA,
      "Trademark classes for our new product line",
      { kind: "trademark" },
      160,
      20,
      4,
    ],
    [
      "business-registration",
      ownerB,
      "Adding a business scope item for data services",
      { matter: "change" },
      150,
      30,
      4,
    ],
    [
      "property-maintenance",
      memberA,
      "Water leak under the pantry sink, level 3",
      { location: "Building 2, level 3 pantry" },
      140,
      3,
      5,
    ],
    [
      "financing",
      ownerA,
      "Bank introduction for an equipment loan",
      { stage: "b_plus", amount: "3000" },
      128,
      40,
      4,
    ],
    [
      "talent-recruitment",
      memberA,
      "Residence permit renewal for a product manager",
      { matter: "visa", people: "1" },
      120,
      18,
      5,
    ],
    [
      "import-export",
      ownerB,
      "Temporary import of a demo robot for a trade fair",
      { goods: "Demonstration robot", direction: "import" },
      110,
      88,
      3,
    ],
    [
      "tech-transfer",
      ownerA,
      "Licensing a university patent on optical coatings",
      { field: "Optical coatings" },
      96,
      95,
      4,
    ],
    [
      "policy-subsidy",
      ownerB,
      "Is an AI start-up eligible for the rent subsidy?",
      { topic: "Rent subsidy" },
      88,
      9,
      5,
    ],
    [
      "property-maintenance",
      ownerA,
      "Badge readers not working at the east entrance",
      { location: "Building 2, east entrance" },
      75,
      2,
      4,
    ],
    [
      "intellectual-property",
      ownerB,
      "Software copyright registration for our platform",
      { kind: "software" },
      66,
      14,
      5,
    ],
    [
      "talent-recruitment",
      ownerA,
      "Work permits for two visiting engineers",
      { matter: "work_permit", people: "2" },
      58,
      35,
      3,
    ],
    [
      "financing",
      ownerB,
      "Meeting the park's angel investor network",
      { stage: "seed", amount: "800" },
      47,
      16,
      5,
    ],
    [
      "business-registration",
      memberA,
      "Change of legal representative",
      { matter: "change" },
      38,
      12,
      4,
    ],
    [
      "policy-subsidy",
      memberA,
      "Documents for the high-tech talent award",
      { topic: "Talent award" },
      30,
      8,
      5,
    ],
    [
      "import-export",
      ownerA,
      "Export licence for test equipment to Singapore",
      { goods: "Optical test equipment", direction: "export" },
      24,
      22,
      4,
    ],
  ];
  return items.map(([type, who, subject, fields, daysAgo, hours, rating], i) => ({
    key: `history-${i + 1}`,
    who,
    type,
    subject,
    description: `${subject}: please advise on the steps, the documents and how long it will take.`,
    fields,
    daysAgo,
    steps: [
      {
        ...reply(
          Math.min(2, hours / 3) * H,
          "Thank you: we have taken this up and will come back to you with the details.",
          "in_progress",
        ),
        working: true,
      },
      {
        ...reply(
          hours * H,
          "Done: the details are in this reply and in the documents we emailed. Tell us if anything is unclear.",
          "resolved",
        ),
        working: true,
      },
      {
        after: (hours + 3) * H,
        working: true,
        by: "requester",
        rate: {
          rating,
          comment:
            rating >= 5
              ? "Fast and clear."
              : rating === 4
                ? "Helpful."
                : "Solved, but slower than we hoped.",
        },
      },
      {
        after: (hours + 3) * H + 60_000,
        working: true,
        by: "requester",
        change: { state: "closed" },
      },
    ],
  }));
}

/**
 * When a demo request was filed: `daysAgo` days before now, moved (for a day or more ago) to
 * 10:00 Shanghai time on the nearest working day at or before it, so that its business-hours
 * figures (first response, resolution) are realistic rather than zero for a night-time seed.
 */
function demoFiledAt(now: number, daysAgo: number, calendar: BusinessCalendar): Date {
  if (daysAgo < 1) return new Date(now - daysAgo * DAY);
  let at = now - daysAgo * DAY;
  while (!isWorkingDay(localDate(at), calendar)) at -= DAY;
  const day = localDate(at); // YYYY-MM-DD in Shanghai
  return new Date(`${day}T10:00:00+08:00`);
}

async function staffStep(
  db: DB,
  actor: SessionUser,
  ref: string,
  change: Omit<StaffChange, "version">,
  at: Date,
) {
  const v = await db
    .selectFrom("service_request")
    .select("version")
    .where("ref", "=", ref)
    .executeTakeFirstOrThrow();
  const result = await staffChange(db, actor, ref, { ...change, version: v.version }, ORIGIN, at);
  if (!result.ok) throw new Error(`demo step on ${ref} failed: ${result.error}`);
}
