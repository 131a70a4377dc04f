/**
 * Demo data for the policy library (issue 15): twelve park policies written for the demo (the
 * amounts are illustrative, not the park's), each with criteria over the company file and
 * figures (the statistics demo gives the demo companies accepted reports to match against).
 * Idempotent: a policy is added once (by its English title).
 */
import type { Criterion } from "~/policies/criteria";
import type { DB } from "../client.server";

const ISSUER = {
  issuer_en: "Zizhu Park policy office (demo)",
  issuer_zh: "紫竹园区政策服务办公室（演示）",
};
const DOCS = {
  licence: { en: "Business licence", zh: "营业执照" },
  accounts: { en: "Audited accounts of last year", zh: "上年度审计报告" },
  rd: { en: "R&D expense ledger", zh: "研发费用辅助账" },
  certificate: { en: "Designation certificate", zh: "认定证书" },
  contracts: { en: "Contracts and invoices", zh: "合同及发票" },
  bank: { en: "Bank account confirmation", zh: "银行开户证明" },
};
type Doc = keyof typeof DOCS;

interface DemoPolicy {
  title_en: string;
  title_zh: string;
  summary_en: string;
  summary_zh: string;
  body_en: string;
  body_zh: string;
  benefit_kind: "amount" | "rate" | "in_kind";
  benefit_max_minor?: number;
  benefit_rate?: number;
  benefit_note_en?: string;
  benefit_note_zh?: string;
  opens_on?: string;
  deadline?: string;
  documents: Doc[];
  criteria: Criterion[];
  stages?: string[];
  auto_award?: boolean;
}

const yuan = (n: number) => n * 100;

const POLICIES: DemoPolicy[] = [
  {
    title_en: "R&D spending bonus for resident companies",
    title_zh: "入驻企业研发投入奖励",
    summary_en:
      "A bonus on last year's R&D spending for residents that invest a real share of revenue in research.",
    summary_zh: "对研发投入占营业收入比例较高的入驻企业，按上年度研发费用给予奖励。",
    body_en:
      "## Who it is for\n\nResident companies whose R&D spending is at least **3%** of revenue over the last twelve months.\n\n## How much\n\nUp to 10% of the R&D spending recorded in the ledger, at most CNY 500,000 a year.",
    body_zh:
      "## 适用对象\n\n近十二个月研发费用占营业收入比例不低于 **3%** 的入驻企业。\n\n## 奖励标准\n\n按研发费用辅助账所列金额的 10% 给予奖励，每年最高 50 万元。",
    benefit_kind: "rate",
    benefit_rate: 10,
    benefit_max_minor: yuan(500_000),
    opens_on: "2026-10-01",
    deadline: "2027-01-31",
    documents: ["licence", "accounts", "rd"],
    criteria: [
      { kind: "residency", of: "resident" },
      { kind: "rd_intensity", min: 3 },
      { kind: "no_open_claim" },
    ],
    stages: ["check", "assess", "approve"],
  },
  {
    title_en: "High-tech enterprise certification award",
    title_zh: "高新技术企业认定奖励",
    summary_en:
      "A one-off award for companies of the park newly certified or re-certified as high-tech enterprises.",
    summary_zh: "对新认定或重新认定为高新技术企业的园区企业给予一次性奖励。",
    body_en:
      "The award is granted without applying: the park checks the certificate in the company file and contacts the company.",
    body_zh: "本政策免申即享：园区根据企业档案中的认定信息核实后主动联系企业。",
    benefit_kind: "amount",
    benefit_max_minor: yuan(200_000),
    documents: ["certificate", "bank"],
    criteria: [
      { kind: "designation", anyOf: ["high_tech"] },
      { kind: "residency", of: "either" },
      { kind: "no_open_claim" },
    ],
    stages: ["approve"],
    auto_award: true,
  },
  {
    title_en: "Rent subsidy for young technology companies",
    title_zh: "初创科技企业房租补贴",
    summary_en:
      "Part of the rent of the first years in the park for companies registered within five years.",
    summary_zh: "对注册未满五年的科技企业，在入驻初期给予部分房租补贴。",
    body_en: "Half of the rent actually paid for up to 300 m² of offices, for at most three years.",
    body_zh: "按实际支付租金的 50% 补贴，面积不超过 300 平方米，最长三年。",
    benefit_kind: "rate",
    benefit_rate: 50,
    benefit_max_minor: yuan(300_000),
    opens_on: "2026-01-01",
    deadline: "2026-12-20",
    documents: ["licence", "contracts"],
    criteria: [
      { kind: "years", max: 5 },
      { kind: "residency", of: "either" },
      { kind: "headcount", max: 100 },
    ],
  },
  {
    title_en: "Specialised and sophisticated SME growth award",
    title_zh: "专精特新企业成长奖励",
    summary_en:
      "An award for companies holding a specialised-and-sophisticated designation that keep growing.",
    summary_zh: "对持有专精特新认定且保持增长的企业给予奖励。",
    body_en:
      "For holders of the SME or the national little-giant designation, with revenue of at least CNY 20 million over twelve months.",
    body_zh:
      "适用于持有专精特新中小企业或国家级“小巨人”认定、近十二个月营业收入不低于 2000 万元的企业。",
    benefit_kind: "amount",
    benefit_max_minor: yuan(300_000),
    opens_on: "2026-11-01",
    deadline: "2027-02-28",
    documents: ["certificate", "accounts"],
    criteria: [
      { kind: "designation", anyOf: ["specialised_sme", "little_giant"] },
      { kind: "revenue", min: 2000 },
      { kind: "no_open_claim" },
    ],
  },
  {
    title_en: "Patent filing support",
    title_zh: "专利申请资助",
    summary_en:
      "Part of the official fees and agency costs of invention patents filed by companies of the park.",
    summary_zh: "对园区企业申请发明专利的官费和代理费给予部分资助。",
    body_en: "Covers invention patents filed in China or through the PCT in the current year.",
    body_zh: "资助本年度在国内或通过 PCT 途径提交的发明专利申请。",
    benefit_kind: "rate",
    benefit_rate: 50,
    benefit_max_minor: yuan(100_000),
    documents: ["licence", "contracts"],
    criteria: [{ kind: "residency", of: "either" }],
    stages: ["check", "approve"],
  },
  {
    title_en: "Technology-based SME evaluation support",
    title_zh: "科技型中小企业评价辅导",
    summary_en:
      "Free coaching through the technology-based SME evaluation for small companies of the park.",
    summary_zh: "为园区小型企业免费辅导科技型中小企业评价入库。",
    body_en: "A consultant of the park reviews your file and prepares the evaluation with you.",
    body_zh: "园区顾问审阅企业资料，协助完成评价申报。",
    benefit_kind: "in_kind",
    benefit_note_en: "Coaching by a park consultant",
    benefit_note_zh: "园区顾问一对一辅导",
    documents: ["licence"],
    criteria: [
      { kind: "headcount", max: 500 },
      { kind: "residency", of: "either" },
    ],
    stages: ["check"],
  },
  {
    title_en: "Artificial intelligence application pilots",
    title_zh: "人工智能应用场景试点资助",
    summary_en:
      "Funding for AI companies that build a pilot application with a company or institution of Shanghai.",
    summary_zh: "资助人工智能企业与上海企业或机构合作开展应用场景试点。",
    body_en: "Up to 30% of the pilot's budget; the pilot partner confirms the scope in writing.",
    body_zh: "按试点项目预算的 30% 资助；需提供合作方书面确认。",
    benefit_kind: "rate",
    benefit_rate: 30,
    benefit_max_minor: yuan(1_000_000),
    opens_on: "2027-01-10",
    deadline: "2027-04-30",
    documents: ["licence", "contracts"],
    criteria: [
      { kind: "industry", in: ["artificial-intelligence", "software-services"] },
      { kind: "years", min: 1 },
    ],
    stages: ["check", "assess", "approve"],
  },
  {
    title_en: "Integrated circuit design tape-out subsidy",
    title_zh: "集成电路设计流片补贴",
    summary_en: "Part of the cost of engineering tape-outs for chip design companies of the park.",
    summary_zh: "对园区集成电路设计企业的工程流片费用给予部分补贴。",
    body_en: "For multi-project wafer and full-mask engineering runs paid this year.",
    body_zh: "适用于本年度支付的多项目晶圆及全掩膜工程流片。",
    benefit_kind: "rate",
    benefit_rate: 30,
    benefit_max_minor: yuan(2_000_000),
    opens_on: "2026-09-01",
    deadline: "2027-03-31",
    documents: ["licence", "contracts", "accounts"],
    criteria: [
      { kind: "industry", in: ["integrated-circuits"] },
      { kind: "residency", of: "resident" },
      { kind: "rd_intensity", min: 5 },
    ],
    stages: ["check", "assess", "approve"],
  },
  {
    title_en: "Going global: overseas exhibitions",
    title_zh: "企业出海：境外展会补贴",
    summary_en: "Part of the booth costs of international trade fairs for companies of the park.",
    summary_zh: "对园区企业参加境外展会的展位费给予部分补贴。",
    body_en: "Up to two fairs a year; booth fees only, travel is not covered.",
    body_zh: "每年最多两个展会；仅补贴展位费，不含差旅。",
    benefit_kind: "rate",
    benefit_rate: 50,
    benefit_max_minor: yuan(150_000),
    deadline: "2026-10-31",
    documents: ["contracts"],
    criteria: [{ kind: "residency", of: "resident" }],
  },
  {
    title_en: "Talent apartments for key staff",
    title_zh: "重点人才公寓",
    summary_en:
      "Apartments near the park at a reduced rent for the key staff of growing companies.",
    summary_zh: "为成长型企业的骨干人才提供园区周边优惠租金公寓。",
    body_en: "Companies with at least ten staff may nominate up to three people a year.",
    body_zh: "从业人员十人以上的企业每年可推荐不超过三名人员。",
    benefit_kind: "in_kind",
    benefit_note_en: "Apartments at a reduced rent",
    benefit_note_zh: "优惠租金公寓",
    documents: ["licence"],
    criteria: [
      { kind: "residency", of: "resident" },
      { kind: "headcount", min: 10 },
    ],
    stages: ["check", "approve"],
  },
  {
    title_en: "Incubatee first-customer voucher",
    title_zh: "在孵企业首单券",
    summary_en: "A voucher for incubatees towards the first sale to a company of the park.",
    summary_zh: "在孵企业向园区企业实现首单销售时可使用的补贴券。",
    body_en:
      "The voucher pays part of the buyer's price; the sale must be between unrelated companies.",
    body_zh: "补贴券抵扣部分采购价款；买卖双方不得存在关联关系。",
    benefit_kind: "amount",
    benefit_max_minor: yuan(50_000),
    documents: ["contracts"],
    criteria: [{ kind: "residency", of: "incubatee" }, { kind: "no_open_claim" }],
    stages: ["approve"],
  },
  {
    title_en: "Listing preparation award",
    title_zh: "企业上市培育奖励",
    summary_en: "An award for companies of the park that start preparing a listing with a sponsor.",
    summary_zh: "对与保荐机构签约启动上市准备的园区企业给予奖励。",
    body_en: "Paid in two parts: on the signed sponsor agreement and on the accepted filing.",
    body_zh: "分两期拨付：签订保荐协议后、申报材料获受理后。",
    benefit_kind: "amount",
    benefit_max_minor: yuan(1_000_000),
    opens_on: "2026-07-01",
    deadline: "2027-06-30",
    documents: ["licence", "accounts", "contracts"],
    criteria: [
      { kind: "years", min: 3 },
      { kind: "revenue", min: 5000 },
      { kind: "designation", anyOf: ["high_tech", "little_giant", "gazelle"] },
    ],
    stages: ["check", "assess", "approve"],
  },
];

export async function seedDemoPolicies(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [i, p] of POLICIES.entries()) {
      const exists = await trx
        .selectFrom("park_policy")
        .select("id")
        .where("title_en", "=", p.title_en)
        .executeTakeFirst();
      if (exists) continue;
      await trx
        .insertInto("park_policy")
        .values({
          ...ISSUER,
          title_en: p.title_en,
          title_zh: p.title_zh,
          summary_en: p.summary_en,
          summary_zh: p.summary_zh,
          body_en: p.body_en,
          body_zh: p.body_zh,
          benefit_kind: p.benefit_kind,
          benefit_max_minor: p.benefit_max_minor ?? null,
          benefit_rate: p.benefit_rate ?? null,
          benefit_note_en: p.benefit_note_en ?? "",
          benefit_note_zh: p.benefit_note_zh ?? "",
          opens_on: p.opens_on ?? null,
          deadline: p.deadline ?? null,
          documents: JSON.stringify(p.documents.map((d, n) => ({ key: `d${n + 1}`, ...DOCS[d] }))),
          criteria: JSON.stringify(p.criteria),
          stages: JSON.stringify(p.stages ?? ["check", "approve"]),
          auto_award: p.auto_award ?? false,
          status: "published",
          position: 10 + i,
        })
        .execute();
    }
  });
}
