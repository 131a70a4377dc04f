/**
 * Demo pipeline (issue 13): 32 investment projects across every stage, from ten countries and
 * the park's industries, owned by the two promotion demo accounts and the admin, each with its
 * history from "new" to where it stands, next steps (some overdue, some missing, some stale),
 * and capital tranches for projects past signing. Written for the demo; every company is made
 * up. Loaded once: nothing happens when any project exists.
 */
import { sql } from "kysely";
import type { DB } from "../client.server";
import { PIPELINE_STAGES, type Stage, type StoppableStage } from "~/projects/pipeline";

type Plan = "rd_centre" | "headquarters" | "production" | "sales_office";
type Space = "office" | "lab" | "industrial" | "incubator_desk";
type Src = "inquiry" | "event" | "referral" | "staff";

interface DemoProject {
  org: string;
  country: string;
  group?: string;
  /** Position of the park industry (1 to 4). */
  industry: number;
  plan: Plan;
  /** Planned investment in major units, and its currency. */
  invest?: [number, string];
  capital?: [number, string];
  jobs?: number;
  space?: [Space, number, number];
  moveIn?: string;
  needs?: string;
  source: Src;
  owner: 0 | 1 | 2;
  stage: Stage;
  stopped?: StoppableStage;
  lost?: string;
  /** Next step and its due date in days from today (negative: overdue); omitted: none. */
  next?: [string, number];
  /** Days since the last activity. */
  idle: number;
  notes: string;
  contact: [string, string, string];
  /** Tranches: [amount in major units, days ago]. */
  tranches?: [number, number][];
}

const OWNERS = [
  "promotion@demo.zizhupark.example",
  "promotion2@demo.zizhupark.example",
  "admin@demo.zizhupark.example",
];

// prettier-ignore
const PROJECTS: DemoProject[] = [
  { org: "Keller Sensorik GmbH", country: "DE", industry: 3, plan: "rd_centre", invest: [8_000_000, "EUR"], jobs: 35, space: ["lab", 600, 900], source: "event", owner: 0, stage: "new", idle: 1, notes: "Met at the Hannover Messe booth; wants a sensor calibration lab near universities.\n在汉诺威工博会展台结识，希望在高校附近设立传感器标定实验室。", contact: ["Anna Keller", "Head of Strategy", "a.keller@keller-sensorik.example"] },
  { org: "Blue Fjord Analytics AS", country: "NO", industry: 1, plan: "sales_office", invest: [1_200_000, "USD"], jobs: 8, space: ["office", 120, 200], source: "referral", owner: 1, stage: "new", next: ["Send the park's investment guide in English", 3], idle: 0, notes: "Referred by the Norwegian consulate in Shanghai.", contact: ["Ingrid Solberg", "COO", "ingrid@bluefjord.example"] },
  { org: "杭州云帆智能装备有限公司", country: "CN", group: "云帆集团", industry: 3, plan: "production", invest: [150_000_000, "CNY"], capital: [50_000_000, "CNY"], jobs: 220, space: ["industrial", 8000, 12000], needs: "双回路供电，重型货车通道", source: "inquiry", owner: 0, stage: "new", idle: 20, notes: "通过官网咨询表单联系，计划在上海设立第二生产基地。", contact: ["陈立", "副总经理", "chenli@yunfan.example"] },
  { org: "Maple Leaf BioDiagnostics Inc.", country: "CA", industry: 2, plan: "rd_centre", invest: [5_000_000, "USD"], jobs: 25, space: ["lab", 400, 700], needs: "BSL-2 laboratory", source: "event", owner: 1, stage: "new", next: ["Call to confirm budget and timing", -4], idle: 9, notes: "Collected at the Shanghai biotech week; interested in university cooperation.", contact: ["Dr. Claire Tremblay", "CSO", "c.tremblay@mapleleafbio.example"] },

  { org: "Sakura Precision Materials K.K.", country: "JP", group: "Sakura Holdings", industry: 3, plan: "production", invest: [3_000_000_000, "JPY"], capital: [500_000_000, "JPY"], jobs: 120, space: ["industrial", 5000, 7000], moveIn: "2027-09-01", needs: "Clean room ISO 7, nitrogen supply", source: "referral", owner: 0, stage: "qualified", next: ["Prepare site visit proposal with three plots", 6], idle: 2, notes: "Budget approved by the Tokyo board in November.\n东京董事会已于11月批准预算。", contact: ["Sato Kenji", "General Manager, China", "k.sato@sakura-pm.example"] },
  { org: "Hanbit Battery Systems Co.", country: "KR", industry: 3, plan: "rd_centre", invest: [40_000_000_000, "KRW"], jobs: 60, space: ["lab", 1500, 2500], needs: "Explosion-proof test rooms", source: "inquiry", owner: 1, stage: "qualified", next: ["Send draft of support policies", 2], idle: 5, notes: "Battery management systems; wants to be near automotive customers in Shanghai.", contact: ["Park Ji-ho", "Director, Global R&D", "jiho.park@hanbit.example"] },
  { org: "Lumière Cosmétiques SAS", country: "FR", industry: 1, plan: "headquarters", invest: [12_000_000, "EUR"], jobs: 45, space: ["office", 1000, 1500], source: "event", owner: 2, stage: "qualified", idle: 18, notes: "China headquarters for the Asia-Pacific region; compares Zizhu with Hongqiao.", contact: ["Camille Laurent", "VP Asia-Pacific", "c.laurent@lumiere.example"] },
  { org: "DeepHarbor Robotics Pte. Ltd.", country: "SG", industry: 4, plan: "rd_centre", invest: [3_000_000, "SGD"], jobs: 18, space: ["incubator_desk", 40, 80], source: "staff", owner: 0, stage: "qualified", next: ["Introduce to the incubation programme team", 10], idle: 3, notes: "Start-up from a Singapore university lab; may apply to incubation first.\n新加坡高校实验室孵化的初创企业，可能先申请孵化项目。", contact: ["Tan Wei Ming", "Co-founder", "weiming@deepharbor.example"] },

  { org: "Nordlys Medical AB", country: "SE", industry: 2, plan: "rd_centre", invest: [90_000_000, "CNY"], jobs: 40, space: ["lab", 800, 1200], moveIn: "2027-06-01", source: "inquiry", owner: 1, stage: "visit_planned", next: ["Site visit with CEO: labs in building C", 5], idle: 4, notes: "Medical imaging software and devices; visit planned with their CEO.", contact: ["Erik Lindqvist", "CEO", "erik@nordlys-med.example"] },
  { org: "Alpine Microfluidics AG", country: "CH", industry: 2, plan: "rd_centre", invest: [6_500_000, "CHF"], jobs: 22, space: ["lab", 500, 800], needs: "Clean room ISO 6 for chip bonding", source: "referral", owner: 0, stage: "visit_planned", next: ["Book meeting rooms and university lab tour", -2], idle: 6, notes: "Referred by a professor of the neighbouring university.", contact: ["Dr. Lukas Meier", "CTO", "l.meier@alpine-mf.example"] },
  { org: "深圳芯驰半导体有限公司", country: "CN", industry: 3, plan: "headquarters", invest: [300_000_000, "CNY"], capital: [100_000_000, "CNY"], jobs: 150, space: ["office", 3000, 5000], source: "staff", owner: 2, stage: "visit_planned", next: ["确认考察日期和随行领导名单", 7], idle: 1, notes: "计划设立华东总部和芯片设计中心。", contact: ["王海涛", "董事长助理", "wanght@xinchi.example"] },

  { org: "Thames Quantum Ltd", country: "GB", industry: 2, plan: "rd_centre", invest: [4_000_000, "GBP"], jobs: 20, space: ["lab", 300, 600], needs: "Low-vibration floor, stable power", source: "event", owner: 1, stage: "visited", next: ["Send the follow-up memo on lab fit-out", 4], idle: 7, notes: "Visited on a Tuesday with two engineers; liked the university access.\n两位工程师到访，看重与高校的合作条件。", contact: ["Oliver Grant", "Managing Director", "oliver@thamesquantum.example"] },
  { org: "Van Dijk Agritech B.V.", country: "NL", industry: 1, plan: "sales_office", invest: [2_000_000, "EUR"], jobs: 12, space: ["office", 200, 300], source: "inquiry", owner: 0, stage: "visited", idle: 25, notes: "Smart greenhouse controls; the visit went well but no reply since.", contact: ["Pieter van Dijk", "Export Director", "p.vandijk@vandijk-agri.example"] },
  { org: "Carmel Cyber Ltd.", country: "IL", industry: 1, plan: "rd_centre", invest: [7_000_000, "USD"], jobs: 30, space: ["office", 500, 800], source: "referral", owner: 2, stage: "visited", next: ["Check data-security rules with the legal team", -7], idle: 10, notes: "Security software; needs advice on data rules before deciding.", contact: ["Noa Ben-David", "VP Business Development", "noa@carmelcyber.example"] },

  { org: "Pacific Crest Semiconductors Inc.", country: "US", group: "Pacific Crest Group", industry: 3, plan: "rd_centre", invest: [25_000_000, "USD"], capital: [10_000_000, "USD"], jobs: 90, space: ["lab", 2000, 3000], moveIn: "2027-03-01", needs: "Clean room ISO 5, 2 MW power", source: "event", owner: 0, stage: "negotiating", next: ["Second round on rent-free period and talent subsidies", 3], idle: 2, notes: "Negotiating the lease and the support package; legal review of the draft agreement on their side.\n正在洽谈租赁和扶持政策，对方法务正在审阅协议草案。", contact: ["Michael Chen", "SVP Operations", "m.chen@pacificcrest.example"] },
  { org: "Nagoya Motion Control Co., Ltd.", country: "JP", industry: 3, plan: "production", invest: [1_800_000_000, "JPY"], jobs: 80, space: ["industrial", 3000, 4500], moveIn: "2027-01-15", source: "referral", owner: 1, stage: "negotiating", next: ["Send revised plot layout", -1], idle: 4, notes: "Servo motors for robots; decision expected after their fiscal year closes.", contact: ["Yamamoto Hiroshi", "Director", "h.yamamoto@nagoya-mc.example"] },
  { org: "HelioGrid Energy GmbH", country: "AT", industry: 2, plan: "rd_centre", invest: [9_000_000, "EUR"], jobs: 28, space: ["lab", 700, 1000], source: "inquiry", owner: 2, stage: "negotiating", next: ["Meet about the joint lab with the university", 12], idle: 1, notes: "Grid storage research; would co-fund a joint lab.", contact: ["Dr. Julia Huber", "Head of R&D", "j.huber@heliogrid.example"] },
  { org: "台湾精测仪器股份有限公司", country: "TW", industry: 3, plan: "production", invest: [80_000_000, "CNY"], jobs: 70, space: ["industrial", 2500, 3500], source: "staff", owner: 0, stage: "negotiating", idle: 30, notes: "上次沟通后对方未再回复，需要跟进。", contact: ["林志明", "总经理", "lin.zm@jingce.example"] },

  { org: "Aurora Biologics Inc.", country: "US", industry: 2, plan: "rd_centre", invest: [30_000_000, "USD"], capital: [12_000_000, "USD"], jobs: 110, space: ["lab", 2500, 3500], moveIn: "2026-12-15", needs: "BSL-2, cold chain", source: "event", owner: 1, stage: "signed", next: ["Company registration documents to market regulator", 5], idle: 3, notes: "Agreement signed in October; registration is next.\n协议已于10月签署，下一步办理工商注册。", contact: ["Dr. Sarah Goldberg", "President, Asia", "s.goldberg@aurorabio.example"], tranches: [[3_000_000, 20]] },
  { org: "Fenice Design S.r.l.", country: "IT", industry: 1, plan: "sales_office", invest: [1_500_000, "EUR"], jobs: 10, space: ["office", 150, 250], source: "referral", owner: 0, stage: "signed", next: ["Help with the business licence application", -3], idle: 8, notes: "Industrial design studio; first office in mainland China.", contact: ["Giulia Romano", "Partner", "giulia@fenice.example"] },
  { org: "Kangaroo Valley Foods Pty Ltd", country: "AU", industry: 1, plan: "headquarters", invest: [20_000_000, "CNY"], jobs: 25, space: ["office", 400, 600], source: "inquiry", owner: 2, stage: "signed", next: ["Schedule registration with the service desk", 9], idle: 2, notes: "Food technology distribution headquarters for East China.", contact: ["Liam O'Connor", "CEO", "liam@kvfoods.example"] },

  { org: "Oresund Photonics ApS", country: "DK", industry: 2, plan: "rd_centre", invest: [45_000_000, "CNY"], capital: [15_000_000, "CNY"], jobs: 35, space: ["lab", 600, 800], moveIn: "2027-02-01", source: "event", owner: 1, stage: "registered", next: ["Fit-out drawings approval", 6], idle: 5, notes: "Registered as a wholly foreign-owned enterprise; fit-out starts in January.", contact: ["Mads Nielsen", "Country Manager", "mads@oresund-photonics.example"], tranches: [[5_000_000, 40], [4_000_000, 12]] },
  { org: "上海澜起智造科技有限公司", country: "CN", group: "澜起控股", industry: 4, plan: "headquarters", invest: [60_000_000, "CNY"], capital: [20_000_000, "CNY"], jobs: 60, space: ["office", 800, 1200], source: "staff", owner: 0, stage: "registered", next: ["协调装修进场时间", 14], idle: 1, notes: "已完成注册，总部办公室装修方案待确认。", contact: ["赵敏", "行政总监", "zhaomin@lanqi.example"], tranches: [[10_000_000, 30]] },

  { org: "Suomi Edge Computing Oy", country: "FI", industry: 1, plan: "rd_centre", invest: [3_500_000, "EUR"], capital: [1_000_000, "EUR"], jobs: 24, space: ["office", 350, 500], source: "referral", owner: 1, stage: "moved_in", next: ["Check production licence status", 20], idle: 6, notes: "Moved in on the fourth floor of building B.\n已入驻B座四层。", contact: ["Aino Virtanen", "Site Lead", "aino@suomiedge.example"], tranches: [[1_000_000, 90], [800_000, 15]] },
  { org: "Mumbai Pharma Analytics Pvt Ltd", country: "IN", industry: 2, plan: "rd_centre", invest: [40_000_000, "CNY"], jobs: 50, space: ["lab", 900, 1200], source: "inquiry", owner: 2, stage: "moved_in", idle: 16, notes: "Laboratory operating since September; production permit pending.", contact: ["Priya Raman", "Director", "priya@mpa.example"], tranches: [[8_000_000, 60]] },

  { org: "Bavaria Drive Systems GmbH", country: "DE", group: "BDS Group", industry: 3, plan: "production", invest: [35_000_000, "EUR"], capital: [15_000_000, "EUR"], jobs: 260, space: ["industrial", 10000, 15000], source: "event", owner: 0, stage: "producing", idle: 12, notes: "Producing electric drive units since June; expansion talks in 2027.\n6月起投产电驱动单元，2027年拟扩产。", contact: ["Thomas Bauer", "Plant Manager", "t.bauer@bavaria-drive.example"], tranches: [[10_000_000, 400], [10_000_000, 250], [5_000_000, 100]] },
  { org: "Seoul Display Materials Inc.", country: "KR", industry: 3, plan: "production", invest: [60_000_000_000, "KRW"], jobs: 180, space: ["industrial", 6000, 8000], source: "referral", owner: 1, stage: "producing", idle: 40, notes: "Producing OLED materials; capital fully arrived.", contact: ["Kim Soo-yeon", "Vice President", "sy.kim@sdm.example"], tranches: [[30_000_000_000, 300], [30_000_000_000, 120]] },
  { org: "北京智源视觉科技有限公司", country: "CN", industry: 4, plan: "rd_centre", invest: [25_000_000, "CNY"], jobs: 40, space: ["office", 500, 700], source: "inquiry", owner: 2, stage: "producing", idle: 60, notes: "从孵化项目毕业后扩大研发团队，已正常运营。", contact: ["刘洋", "创始人", "liuyang@zhiyuan.example"], tranches: [[25_000_000, 200]] },

  { org: "Lakeside Instruments Ltd.", country: "GB", industry: 3, plan: "production", invest: [6_000_000, "GBP"], jobs: 55, space: ["industrial", 2000, 3000], source: "event", owner: 0, stage: "on_hold", stopped: "negotiating", next: ["Check again after their board meeting in March", 90], idle: 22, notes: "Paused by their board until the spring; keep in touch.\n对方董事会决定暂缓至明年春季，保持联系。", contact: ["Rachel Hughes", "CFO", "r.hughes@lakeside.example"] },
  { org: "Hong Kong Fintech Bridge Ltd.", country: "HK", industry: 1, plan: "headquarters", invest: [30_000_000, "HKD"], jobs: 30, space: ["office", 600, 900], source: "staff", owner: 1, stage: "on_hold", stopped: "visited", idle: 35, notes: "Waiting for their licence decision in Hong Kong.", contact: ["Jason Leung", "Managing Partner", "jason@hkfb.example"] },

  { org: "Rhine Valley Coatings AG", country: "CH", industry: 3, plan: "production", invest: [10_000_000, "CHF"], jobs: 75, space: ["industrial", 4000, 6000], source: "referral", owner: 2, stage: "lost", stopped: "negotiating", lost: "Chose a site in Suzhou with a larger plot and lower land price.", idle: 45, notes: "Lost to Suzhou on land price; keep for the next expansion.\n因土地价格选择苏州，后续扩产时再联系。", contact: ["Stefan Vogel", "Head of Expansion", "s.vogel@rhinecoatings.example"] },
  { org: "Texas Agri Drones LLC", country: "US", industry: 4, plan: "sales_office", invest: [800_000, "USD"], jobs: 6, space: ["incubator_desk", 20, 40], source: "inquiry", owner: 0, stage: "lost", stopped: "qualified", lost: "Postponed China entry indefinitely after funding round fell through.", idle: 70, notes: "Small team; funding round failed.", contact: ["Jake Miller", "Founder", "jake@txagridrones.example"] },
];

const DAY = 86_400_000;

function parkDayOffset(days: number): string {
  const d = new Date(Date.now() + days * DAY + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoProjects(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("project").select("id").limit(1).executeTakeFirst()) return;
    const users = await trx
      .selectFrom("app_user")
      .select(["id", "email"])
      .where(sql<string>`lower(email)`, "in", OWNERS)
      .execute();
    const ownerIds = OWNERS.map((e) => users.find((u) => u.email === e)?.id ?? null);
    const industries = await trx
      .selectFrom("park_industry")
      .select(["id", "position"])
      .orderBy("position")
      .execute();
    const year = new Date().getUTCFullYear();
    for (const p of PROJECTS) {
      const seq = await sql<{
        n: string;
      }>`SELECT nextval('project_reference_seq')::text AS n`.execute(trx);
      const reference = `PRJ-${year}-${seq.rows[0]!.n.padStart(5, "0")}`;
      const owner = ownerIds[p.owner] ?? null;
      const minor = (v: [number, string] | undefined) =>
        v ? v[0] * (v[1] === "JPY" || v[1] === "KRW" ? 1 : 100) : null;
      // The way it came: every pipeline stage up to where it stands (or stopped).
      const reached = p.stage === "on_hold" || p.stage === "lost" ? p.stopped! : p.stage;
      const path = PIPELINE_STAGES.slice(
        0,
        PIPELINE_STAGES.indexOf(reached as never) + 1,
      ) as Stage[];
      if (reached !== p.stage) path.push(p.stage);
      const lastAt = new Date(Date.now() - p.idle * DAY);
      const step = Math.max(3, 12 - path.length);
      const createdAt = new Date(+lastAt - (path.length - 1) * step * DAY - 2 * DAY);
      const row = await trx
        .insertInto("project")
        .values({
          reference,
          organisation: p.org,
          country: p.country,
          parent_group: p.group ?? "",
          industry_id: industries[p.industry - 1]?.id ?? null,
          plan_kind: p.plan,
          investment_minor: minor(p.invest),
          investment_currency: p.invest?.[1] ?? null,
          capital_minor: minor(p.capital),
          capital_currency: p.capital?.[1] ?? null,
          jobs_planned: p.jobs ?? null,
          space_type: p.space?.[0] ?? null,
          area_min_m2: p.space?.[1] ?? null,
          area_max_m2: p.space?.[2] ?? null,
          move_in_on: p.moveIn ?? null,
          special_needs: p.needs ?? "",
          source: p.source,
          owner_id: owner,
          notes: p.notes,
          stage: p.stage,
          stopped_stage: p.stopped ?? null,
          lost_reason: p.lost ?? null,
          next_step: p.next?.[0] ?? "",
          next_step_due: p.next ? parkDayOffset(p.next[1]) : null,
          last_activity_at: lastAt,
          created_by: owner,
          created_at: createdAt,
          updated_at: lastAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("project_contact")
        .values({
          project_id: row.id,
          position: 0,
          name: p.contact[0],
          title: p.contact[1],
          email: p.contact[2],
        })
        .execute();
      const events: {
        project_id: string;
        actor_id: string | null;
        kind: string;
        from_stage: string | null;
        to_stage: string | null;
        note: string;
        details: string;
        at: Date;
      }[] = [
        {
          project_id: row.id,
          actor_id: owner,
          kind: "created",
          from_stage: null,
          to_stage: "new",
          note: "",
          details: JSON.stringify({ reference }),
          at: createdAt,
        },
      ];
      path.slice(1).forEach((to, i) => {
        const at = i === path.length - 2 ? lastAt : new Date(+createdAt + (i + 1) * step * DAY);
        events.push({
          project_id: row.id,
          actor_id: owner,
          kind: "stage",
          from_stage: path[i]!,
          to_stage: to,
          note: "",
          details: JSON.stringify(to === "lost" ? { lostReason: p.lost } : {}),
          at,
        });
      });
      for (const [amount, daysAgo] of p.tranches ?? []) {
        const currency = p.invest?.[1] ?? "CNY";
        const amountMinor = minor([amount, currency])!;
        const arrivedOn = parkDayOffset(-daysAgo);
        await trx
          .insertInto("project_tranche")
          .values({
            project_id: row.id,
            amount_minor: amountMinor,
            currency,
            arrived_on: arrivedOn,
            created_by: owner,
            created_at: new Date(Date.now() - daysAgo * DAY),
          })
          .execute();
        events.push({
          project_id: row.id,
          actor_id: owner,
          kind: "tranche_added",
          from_stage: null,
          to_stage: null,
          note: "",
          details: JSON.stringify({ amountMinor, currency, arrivedOn }),
          at: new Date(Date.now() - daysAgo * DAY),
        });
      }
      events.sort((a, b) => +a.at - +b.at);
      await trx.insertInto("project_event").values(events).execute();
    }
  });
}
