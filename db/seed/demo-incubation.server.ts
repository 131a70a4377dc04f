/**
 * Incubation demo data: three programmes, an open call (questions, documents, rubric), an
 * upcoming and a closed call, applications in several states, the two demo reviewers assigned
 * with some scores. Idempotent: keyed by slugs and (call, company); a second run changes nothing.
 */
import { sql, type Insertable } from "kysely";
import { withCheckChar } from "~/companies/credit-code";
import { storeUpload } from "~/uploads/uploads.server";
import type { DB } from "../client.server";
import type { Executor } from "../executor";
import type { DB as Database } from "../schema";

const DAY = 86400_000;

const PROGRAMMES = [
  {
    slug: "incubator",
    name_en: "Zizhu Incubator",
    name_zh: "紫竹孵化器",
    summary_en:
      "Two years of office space, a mentor and introductions to universities for technology start-ups in their first years.",
    summary_zh: "面向初创期科技企业，提供两年办公空间、创业导师以及与高校的合作对接。",
  },
  {
    slug: "accelerator",
    name_en: "Zizhu Accelerator",
    name_zh: "紫竹加速器",
    summary_en:
      "Six months of intensive support for companies with a product and first customers: investors, pilots with park companies, and go-to-market help.",
    summary_zh:
      "面向已有产品和首批客户的企业，提供为期六个月的集中支持：投资人对接、与园区企业试点合作以及市场拓展辅导。",
  },
  {
    slug: "soft-landing",
    name_en: "International Soft-Landing Programme",
    name_zh: "国际软着陆计划",
    summary_en:
      "For companies from abroad setting up in Shanghai: registration, work permits, housing for talent and a first desk in the park.",
    summary_zh:
      "面向来沪发展的境外企业：协助办理工商注册、工作许可、人才公寓，并在园区提供首个办公位。",
  },
] as const;

export const DEMO_QUESTIONS = [
  {
    key: "team",
    step: 1,
    labelEn: "Who is on the founding team, and what has each person done before?",
    labelZh: "创始团队有哪些成员？各自有哪些经历？",
    required: true,
    maxLength: 3000,
  },
  {
    key: "employees",
    step: 1,
    labelEn: "How many people work for the company today?",
    labelZh: "公司目前有多少员工？",
    required: false,
    maxLength: 200,
    kind: "headcount" as const,
  },
  {
    key: "product",
    step: 2,
    labelEn: "What does your product do, and for whom?",
    labelZh: "您的产品能做什么？面向哪些用户？",
    required: true,
    maxLength: 3000,
  },
  {
    key: "technology",
    step: 2,
    labelEn: "What is new in your technology, and what protects it (patents, know-how)?",
    labelZh: "您的技术有何创新？如何保护（专利、专有技术）？",
    required: true,
    maxLength: 3000,
  },
  {
    key: "market",
    step: 3,
    labelEn: "Who are your customers, and how large is the market?",
    labelZh: "您的客户是谁？市场规模有多大？",
    required: true,
    maxLength: 3000,
  },
  {
    key: "traction",
    step: 3,
    labelEn: "What have you achieved so far (pilots, revenue, users)?",
    labelZh: "目前取得了哪些进展（试点、收入、用户）？",
    required: false,
    maxLength: 3000,
  },
  {
    key: "funding",
    step: 4,
    labelEn: "How are you funded today, and what do you plan to raise?",
    labelZh: "公司目前的资金来源是什么？未来的融资计划如何？",
    required: true,
    maxLength: 3000,
  },
  {
    key: "needs",
    step: 4,
    labelEn: "What do you need from the park in the next year?",
    labelZh: "未来一年您希望园区提供哪些支持？",
    required: true,
    maxLength: 3000,
  },
];

export const DEMO_DOCUMENTS = [
  {
    key: "business_plan",
    labelEn: "Business plan (PDF)",
    labelZh: "商业计划书（PDF）",
    required: true,
  },
  { key: "pitch_deck", labelEn: "Pitch deck", labelZh: "路演材料", required: false },
  { key: "team_cvs", labelEn: "Team CVs", labelZh: "团队成员简历", required: false },
  { key: "licence", labelEn: "Business licence scan", labelZh: "营业执照扫描件", required: false },
];

export const DEMO_RUBRIC = [
  { key: "team", labelEn: "Team", labelZh: "团队", weight: 3, max: 5 },
  {
    key: "innovation",
    labelEn: "Technology and innovation",
    labelZh: "技术与创新",
    weight: 3,
    max: 5,
  },
  { key: "market", labelEn: "Market potential", labelZh: "市场潜力", weight: 2, max: 5 },
  { key: "fit", labelEn: "Fit with the park", labelZh: "与园区的契合度", weight: 2, max: 5 },
];

const ELIGIBILITY = {
  en: "Technology companies registered in mainland China (or about to register) with at least two full-time founders. The company must not already be a resident of the park.",
  zh: "在中国大陆注册（或即将注册）的科技企业，至少有两名全职创始人，且尚未入驻园区。",
};

const EXTRA_COMPANIES = [
  {
    credit_code: withCheckChar("91310112MA1JQY3R5"),
    name_en: "Qingyun Robotics Co., Ltd.",
    name_zh: "青云机器人有限公司",
    industry: "intelligent-manufacturing",
    size: "10-49",
  },
  {
    credit_code: withCheckChar("91310112MA1KHB8T2"),
    name_en: "Harbor BioSensing (Shanghai) Co., Ltd.",
    name_zh: "海港生物传感（上海）有限公司",
    industry: "life-sciences",
    size: "1-9",
  },
  {
    credit_code: withCheckChar("91310112MA1LRT6W4"),
    name_en: "Jade River Materials Co., Ltd.",
    name_zh: "玉川新材料有限公司",
    industry: "new-materials",
    size: "10-49",
  },
  {
    credit_code: withCheckChar("91310112MA1MPX2E7"),
    name_en: "Tidewave Energy Technology Co., Ltd.",
    name_zh: "潮汐能源科技有限公司",
    industry: "new-energy",
    size: "1-9",
  },
] as const;

/** A small, valid one-page PDF with a line of text (ASCII), for demo documents. */
/** A demo company, or the one already there with its credit code (seeding runs again). */
export async function upsertDemoCompany(
  db: Executor,
  values: Insertable<Database["company"]> & { name_en: string },
): Promise<string> {
  const row = await db
    .insertInto("company")
    .values(values)
    .onConflict((oc) =>
      oc
        .expression(sql`credit_code`)
        .where("credit_code", "is not", null)
        .doUpdateSet({ name_en: values.name_en }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function demoPdf(text: string): Uint8Array {
  const safe = text.replace(/[^\x20-\x7e]/g, "?").replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

async function userId(db: Executor, email: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom("app_user")
      .select("id")
      .where(sql`lower(email)`, "=", email)
      .executeTakeFirst()
  )?.id;
}

async function companyIdByMember(db: Executor, email: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom("company_member as m")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select("m.company_id")
      .where(sql`lower(u.email)`, "=", email)
      .executeTakeFirst()
  )?.company_id;
}

const ANSWERS_B = {
  team: "Emma Schneider (CEO) led computer-vision research at a German university; Zhao Lei (CTO) built inspection software for two electronics makers.",
  employees: "1-9",
  product:
    "A visual inspection assistant for small electronics factories: a camera and an on-premises model that flags soldering defects on the line.",
  technology:
    "Models trained from a few dozen labelled images per product; two patent applications filed on the few-shot training method.",
  market:
    "Small and medium electronics manufacturers in the Yangtze River Delta, most of whom still inspect by eye.",
  traction: "Two paid pilots; one converted into a yearly licence.",
  funding: "Founders' savings and an angel round; raising a seed round next year.",
  needs:
    "Office space for eight, introductions to manufacturers in the park, help with high-tech enterprise certification.",
};

/**
 * A round wall-clock time in the park's time zone (UTC+8, no DST) `days` days from `now`:
 * demo calls open at 9:00 and close at 17:00 Shanghai time, as a real call would.
 */
function parkDayAt(now: Date, days: number, hour: number): Date {
  const local = new Date(now.getTime() + days * DAY + 8 * 3600_000);
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour - 8),
  );
}

/** The demo programmes' milestones: days after the incubation starts. */
const DEMO_MILESTONES = [
  {
    en: "Company registered at the park address",
    zh: "完成园区地址工商注册",
    days: 30,
    evidence: true,
  },
  { en: "Team moved into the park", zh: "团队入驻园区", days: 60, evidence: false },
  { en: "First pilot customer signed", zh: "签约首家试点客户", days: 120, evidence: true },
  { en: "Investor day pitch", zh: "参加投资人路演日", days: 150, evidence: false },
];

export async function seedIncubationDemo(db: DB, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const staff = await userId(trx, "staff@demo.zizhupark.example");
    const programmeIds = new Map<string, string>();
    for (const p of PROGRAMMES) {
      await trx
        .insertInto("incubation_programme")
        .values({
          ...p,
          created_by: staff ?? null,
          // Issue 16: signing the agreement opens these onboarding requests (service catalogue).
          onboarding_types: JSON.stringify(["business-registration", "talent-housing"]),
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
      programmeIds.set(
        p.slug,
        (
          await trx
            .selectFrom("incubation_programme")
            .select("id")
            .where("slug", "=", p.slug)
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    // Issue 16: each programme's milestones, copied to an incubatee when both sides sign.
    for (const programmeId of programmeIds.values()) {
      const has = await trx
        .selectFrom("incubation_milestone_template")
        .select("id")
        .where("programme_id", "=", programmeId)
        .executeTakeFirst();
      if (has) continue;
      await trx
        .insertInto("incubation_milestone_template")
        .values(
          DEMO_MILESTONES.map((m, i) => ({
            programme_id: programmeId,
            position: i + 1,
            title_en: m.en,
            title_zh: m.zh,
            due_days: m.days,
            due_on: null,
            evidence_required: m.evidence,
            created_by: staff ?? null,
          })),
        )
        .execute();
    }
    const year = now.getUTCFullYear();
    const calls = [
      {
        slug: `incubator-${year}`,
        programme: "incubator",
        title_en: `Incubator call ${year}`,
        title_zh: `${year} 年孵化器招募`,
        opens: -20,
        closes: 40,
        places: 12,
      },
      {
        slug: `accelerator-${year + 1}-spring`,
        programme: "accelerator",
        title_en: `Accelerator, spring ${year + 1}`,
        title_zh: `${year + 1} 年春季加速营`,
        opens: 30,
        closes: 75,
        places: 8,
      },
      {
        slug: `soft-landing-${year}`,
        programme: "soft-landing",
        title_en: `Soft-landing call ${year}`,
        title_zh: `${year} 年国际软着陆计划招募`,
        opens: -120,
        closes: -60,
        places: 6,
      },
    ];
    const callIds = new Map<string, string>();
    for (const c of calls) {
      await trx
        .insertInto("incubation_call")
        .values({
          programme_id: programmeIds.get(c.programme)!,
          slug: c.slug,
          title_en: c.title_en,
          title_zh: c.title_zh,
          opens_at: parkDayAt(now, c.opens, 9),
          closes_at: parkDayAt(now, c.closes, 17),
          places: c.places,
          eligibility_en: ELIGIBILITY.en,
          eligibility_zh: ELIGIBILITY.zh,
          questions: JSON.stringify(DEMO_QUESTIONS),
          documents: JSON.stringify(DEMO_DOCUMENTS),
          rubric: JSON.stringify(DEMO_RUBRIC),
          created_by: staff ?? null,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
      callIds.set(
        c.slug,
        (
          await trx
            .selectFrom("incubation_call")
            .select("id")
            .where("slug", "=", c.slug)
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    const openCall = callIds.get(`incubator-${year}`)!;
    const closedCall = callIds.get(`soft-landing-${year}`)!;

    const extra = new Map<string, string>();
    for (const c of EXTRA_COMPANIES) {
      extra.set(c.name_en, await upsertDemoCompany(trx, { ...c, is_resident: false }));
    }
    const companyA = await companyIdByMember(trx, "owner@demo.zizhupark.example");
    const companyB = await companyIdByMember(trx, "owner-b@demo.zizhupark.example");
    const reviewer1 = await userId(trx, "reviewer@demo.zizhupark.example");
    const reviewer2 = await userId(trx, "reviewer2@demo.zizhupark.example");

    const apps: {
      call: string;
      company: string | undefined;
      status: string;
      answers: Record<string, string>;
      message?: string;
      decision?: { outcome: string; letter: string };
      reviews?: { reviewer: string | undefined; scores?: number[] }[];
    }[] = [
      {
        call: openCall,
        company: companyB,
        status: "in_review",
        answers: ANSWERS_B,
        reviews: [{ reviewer: reviewer1, scores: [4, 4, 3, 5] }, { reviewer: reviewer2 }],
      },
      {
        call: openCall,
        company: extra.get("Qingyun Robotics Co., Ltd."),
        status: "in_review",
        answers: {
          ...ANSWERS_B,
          team: "Three engineers from a collaborative-robot maker.",
          product: "A low-cost robot arm for laboratory sample handling.",
          technology: "A compliant joint design that needs no force sensor.",
        },
        reviews: [
          { reviewer: reviewer1, scores: [3, 4, 4, 3] },
          { reviewer: reviewer2, scores: [4, 5, 4, 4] },
        ],
      },
      {
        call: openCall,
        company: extra.get("Harbor BioSensing (Shanghai) Co., Ltd."),
        status: "info_requested",
        answers: {
          ...ANSWERS_B,
          team: "Two founders from a university biosensor laboratory.",
          product: "Disposable sensors for water quality testing.",
        },
        message:
          "Please add the business plan as a PDF and tell us who your first customers will be.",
      },
      // Waiting for staff: one just submitted, one being screened.
      {
        call: openCall,
        company: extra.get("Jade River Materials Co., Ltd."),
        status: "submitted",
        answers: {
          ...ANSWERS_B,
          team: "Materials scientists from a national laboratory and a coatings maker.",
          product: "A graphene-based anti-corrosion coating for offshore equipment.",
        },
      },
      {
        call: openCall,
        company: extra.get("Tidewave Energy Technology Co., Ltd."),
        status: "screening",
        answers: {
          ...ANSWERS_B,
          team: "Two power engineers and a battery chemist.",
          product: "A battery management system for small energy-storage cabinets.",
        },
      },
      {
        call: closedCall,
        company: companyA,
        status: "accepted",
        answers: {
          ...ANSWERS_B,
          team: "Photonics engineers from Shanghai and Munich.",
          product: "Silicon photonics transceivers for data centres.",
        },
        decision: {
          outcome: "accepted",
          letter:
            "Dear Lumina Photonics,\n\nThank you for applying to the soft-landing programme. We are pleased to tell you that your application has been accepted.\n\nThe Incubation Team",
        },
      },
    ];

    for (const a of apps) {
      if (!a.company) continue;
      const existing = await trx
        .selectFrom("application")
        .select("id")
        .where("call_id", "=", a.call)
        .where("company_id", "=", a.company)
        .executeTakeFirst();
      if (existing) continue;
      const submittedAt = new Date(now.getTime() - 10 * DAY);
      const app = await trx
        .insertInto("application")
        .values({
          call_id: a.call,
          company_id: a.company,
          status: a.status,
          answers: JSON.stringify(a.answers),
          submitted_at: submittedAt,
          last_saved_at: submittedAt,
          decision_outcome: a.decision?.outcome ?? null,
          decision_letter: a.decision?.letter ?? null,
          decision_locale: a.decision ? "en" : null,
          decision_released_at: a.decision ? new Date(now.getTime() - 50 * DAY) : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const trail =
        a.status === "submitted"
          ? ["submitted"]
          : a.status === "screening"
            ? ["submitted", "screening"]
            : [
                "submitted",
                "screening",
                ...(a.status === "info_requested" ? ["info_requested"] : ["in_review"]),
                ...(a.decision ? [a.decision.outcome] : []),
              ];
      for (const [i, status] of trail.entries()) {
        await trx
          .insertInto("application_message")
          .values({
            application_id: app.id,
            author_id: status === "submitted" ? null : (staff ?? null),
            kind:
              status === "info_requested"
                ? "info_request"
                : a.decision && status === a.decision.outcome
                  ? "decision"
                  : "status",
            status,
            body:
              status === "info_requested"
                ? (a.message ?? "")
                : a.decision && status === a.decision.outcome
                  ? a.decision.letter
                  : "",
            created_at: new Date(submittedAt.getTime() + i * DAY),
          })
          .execute();
      }
      if (a.status !== "info_requested") {
        const company = await trx
          .selectFrom("company")
          .select("name_en")
          .where("id", "=", a.company)
          .executeTakeFirstOrThrow();
        const stored = await storeUpload(trx, {
          bytes: demoPdf(`Business plan - ${company.name_en}`),
          filename: "business-plan.pdf",
          allowedTypes: ["application/pdf"],
          maxBytes: 1_000_000,
          uploadedBy: null,
          context: "incubation",
          ownerId: app.id,
        });
        if (stored.ok) {
          await trx
            .insertInto("application_document")
            .values({
              application_id: app.id,
              kind: "business_plan",
              stored_file_id: stored.file.id,
              filename: stored.file.filename,
              content_type: stored.file.contentType,
              size_bytes: stored.file.sizeBytes,
              uploaded_at: submittedAt,
            })
            .execute();
        }
      }
      for (const r of a.reviews ?? []) {
        if (!r.reviewer) continue;
        const scores = r.scores
          ? Object.fromEntries(
              DEMO_RUBRIC.map((c, i) => [c.key, { score: r.scores![i]!, comment: "" }]),
            )
          : {};
        await trx
          .insertInto("review_assignment")
          .values({
            application_id: app.id,
            reviewer_id: r.reviewer,
            assigned_by: staff ?? null,
            scores: JSON.stringify(scores),
            submitted_at: r.scores ? new Date(now.getTime() - 2 * DAY) : null,
            overall_comment: r.scores ? "A capable team with a clear first market." : "",
          })
          .onConflict((oc) => oc.columns(["application_id", "reviewer_id"]).doNothing())
          .execute();
      }
    }
  });
}
