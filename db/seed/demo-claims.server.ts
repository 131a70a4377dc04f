/**
 * Demo policy claims (issue 15, ADR 0037), one in each state a person meets: under review at a
 * later stage, waiting for more information, approved and partly paid, paid in full (two
 * payments), and not approved. Written for the demo; the amounts are illustrative. Idempotent:
 * a company's claim of a policy is added once. Rows are written directly (not through
 * `submitClaim`) so the seed does not depend on today's date falling inside a policy's window;
 * every claim still has its history, documents and payments as the pages expect.
 */
import { shanghaiDay } from "~/policies/criteria";
import { loadFacts } from "~/policies/policies.server";
import { storeUpload } from "~/uploads/uploads.server";
import type { DB } from "../client.server";
import type { Executor } from "../executor";
import { demoPdf } from "./demo-incubation.server";

interface DemoEvent {
  kind: string;
  by: "owner" | "staff";
  from?: string;
  to?: string;
  stage?: number;
  note?: string;
  amount?: number;
  daysAgo: number;
}

interface DemoClaim {
  company: string;
  owner: string;
  policy: string;
  status: "submitted" | "info_requested" | "approved" | "rejected" | "paid";
  stage: number;
  statement: string;
  requested?: number;
  awarded?: number;
  reason?: string;
  daysAgo: number;
  documents: string[];
  events: DemoEvent[];
  payments?: { daysAgo: number; amount: number; reference: string }[];
}

const yuan = (n: number) => n * 100;
const LUMINA = "Lumina Photonics Co., Ltd.";
const NORTHLIGHT = "Northlight AI Software (Shanghai) Co., Ltd.";

const CLAIMS: DemoClaim[] = [
  {
    company: LUMINA,
    owner: "owner@demo.zizhupark.example",
    policy: "R&D spending bonus for resident companies",
    status: "submitted",
    stage: 1,
    statement:
      "R&D spending of CNY 4.2 million over the last twelve months, mainly on the silicon photonics transceiver line. 近十二个月研发投入 420 万元，主要用于硅光收发模块研发。",
    requested: 420_000,
    daysAgo: 12,
    documents: ["d1", "d2", "d3"],
    events: [
      { kind: "submitted", by: "owner", to: "submitted", stage: 0, daysAgo: 12 },
      {
        kind: "advance",
        by: "staff",
        from: "submitted",
        to: "submitted",
        stage: 1,
        note: "Licence and ledger checked; ledger totals agree with the accepted reports.",
        daysAgo: 8,
      },
    ],
  },
  {
    company: LUMINA,
    owner: "owner@demo.zizhupark.example",
    policy: "Integrated circuit design tape-out subsidy",
    status: "info_requested",
    stage: 0,
    statement: "Tape-out of the TX-40 driver chip on a 55 nm process in October.",
    requested: 600_000,
    daysAgo: 9,
    documents: ["d1", "d2", "d3"],
    events: [
      { kind: "submitted", by: "owner", to: "submitted", stage: 0, daysAgo: 9 },
      {
        kind: "request_info",
        by: "staff",
        from: "submitted",
        to: "info_requested",
        stage: 0,
        note: "Please add the foundry's invoice for the tape-out run and the mask set contract. 请补充流片费用发票及掩膜版合同。",
        daysAgo: 4,
      },
    ],
  },
  {
    company: LUMINA,
    owner: "owner@demo.zizhupark.example",
    policy: "Specialised and sophisticated SME growth award",
    status: "approved",
    stage: 1,
    statement: "Designated a Shanghai specialised and sophisticated SME in 2025.",
    awarded: 300_000,
    daysAgo: 60,
    documents: ["d1", "d2"],
    events: [
      { kind: "submitted", by: "owner", to: "submitted", stage: 0, daysAgo: 60 },
      { kind: "advance", by: "staff", from: "submitted", to: "submitted", stage: 1, daysAgo: 52 },
      {
        kind: "approve",
        by: "staff",
        from: "submitted",
        to: "approved",
        stage: 1,
        amount: 300_000,
        note: "Paid in two instalments.",
        daysAgo: 40,
      },
      {
        kind: "pay",
        by: "staff",
        from: "approved",
        to: "approved",
        stage: 1,
        amount: 150_000,
        note: "ZZ-2026-1107",
        daysAgo: 25,
      },
    ],
    payments: [{ daysAgo: 25, amount: 150_000, reference: "ZZ-2026-1107" }],
  },
  {
    company: LUMINA,
    owner: "owner@demo.zizhupark.example",
    policy: "Incubatee first-customer voucher",
    status: "paid",
    stage: 0,
    statement: "First order from a park company: optical test benches for Northlight's lab.",
    requested: 50_000,
    awarded: 50_000,
    daysAgo: 120,
    documents: ["d1"],
    events: [
      { kind: "submitted", by: "owner", to: "submitted", stage: 0, daysAgo: 120 },
      {
        kind: "approve",
        by: "staff",
        from: "submitted",
        to: "approved",
        stage: 0,
        amount: 50_000,
        daysAgo: 100,
      },
      {
        kind: "pay",
        by: "staff",
        from: "approved",
        to: "approved",
        stage: 0,
        amount: 20_000,
        note: "ZZ-2026-0815",
        daysAgo: 90,
      },
      {
        kind: "pay",
        by: "staff",
        from: "approved",
        to: "paid",
        stage: 0,
        amount: 30_000,
        note: "ZZ-2026-0902",
        daysAgo: 70,
      },
    ],
    payments: [
      { daysAgo: 90, amount: 20_000, reference: "ZZ-2026-0815" },
      { daysAgo: 70, amount: 30_000, reference: "ZZ-2026-0902" },
    ],
  },
  {
    company: NORTHLIGHT,
    owner: "owner-b@demo.zizhupark.example",
    policy: "Talent housing",
    status: "rejected",
    stage: 0,
    statement: "Two apartments for the machine learning team leads joining in January.",
    reason:
      "The apartments of this round are allocated; please claim again when the next round opens. 本轮人才公寓已分配完毕，请在下一轮开放时再申请。",
    daysAgo: 30,
    documents: [],
    events: [
      { kind: "submitted", by: "owner", to: "submitted", stage: 0, daysAgo: 30 },
      {
        kind: "reject",
        by: "staff",
        from: "submitted",
        to: "rejected",
        stage: 0,
        note: "The apartments of this round are allocated; please claim again when the next round opens. 本轮人才公寓已分配完毕，请在下一轮开放时再申请。",
        daysAgo: 22,
      },
    ],
  },
];

const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
const dayAgo = (days: number) => ago(days).toISOString().slice(0, 10);

async function idOf(trx: Executor, email: string) {
  const u = await trx
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  return u?.id ?? null;
}

export async function seedDemoClaims(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const staffId = await idOf(trx, "staff@demo.zizhupark.example");
    // Account managers (ADR 0044): the demo desk member looks after every demo company, so a
    // policy's proactive requests ("you may be eligible for ...") are assigned to someone.
    await trx
      .updateTable("company")
      .set({ account_manager_id: staffId })
      .where("account_manager_id", "is", null)
      .execute();
    for (const c of CLAIMS) {
      const company = await trx
        .selectFrom("company")
        .select("id")
        .where("name_en", "=", c.company)
        .executeTakeFirst();
      const policy = await trx
        .selectFrom("park_policy")
        .select(["id", "documents"])
        .where("title_en", "=", c.policy)
        .executeTakeFirst();
      if (!company || !policy) continue;
      const exists = await trx
        .selectFrom("policy_claim")
        .select("id")
        .where("company_id", "=", company.id)
        .where("policy_id", "=", policy.id)
        .executeTakeFirst();
      if (exists) continue;
      const ownerId = await idOf(trx, c.owner);
      const facts = (
        await loadFacts(trx, { companyIds: [company.id], today: shanghaiDay(new Date()) })
      ).get(company.id);
      const { companyId: _c, liveClaimPolicyIds: _l, ...prefill } = facts ?? {};
      const created = ago(c.daysAgo);
      const claim = await trx
        .insertInto("policy_claim")
        .values({
          policy_id: policy.id,
          company_id: company.id,
          year: created.getUTCFullYear(),
          status: c.status,
          stage: c.stage,
          prefill: JSON.stringify(prefill),
          statement: c.statement,
          requested_minor: c.requested === undefined ? null : yuan(c.requested),
          awarded_minor: c.awarded === undefined ? null : yuan(c.awarded),
          reason: c.reason ?? null,
          created_by: ownerId,
          created_at: created,
          updated_at: ago(c.events[c.events.length - 1]!.daysAgo),
          version: c.events.length,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const docs = Array.isArray(policy.documents)
        ? (policy.documents as { key: string; en: string }[])
        : [];
      for (const key of c.documents) {
        const doc = docs.find((d) => d.key === key);
        if (!doc) continue;
        const stored = await storeUpload(trx, {
          bytes: demoPdf(`${doc.en} - ${c.company}`),
          filename: `${doc.en.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.pdf`,
          allowedTypes: ["application/pdf"],
          maxBytes: 1_000_000,
          uploadedBy: ownerId,
          context: "policy_claim",
          ownerId: claim.id,
        });
        if (stored.ok)
          await trx
            .insertInto("policy_claim_document")
            .values({
              claim_id: claim.id,
              doc_key: key,
              file_id: stored.file.id,
              uploaded_by: ownerId,
              created_at: created,
            })
            .execute();
      }
      for (const e of c.events)
        await trx
          .insertInto("policy_claim_event")
          .values({
            claim_id: claim.id,
            actor_id: e.by === "owner" ? ownerId : staffId,
            kind: e.kind,
            from_status: e.from ?? null,
            to_status: e.to ?? null,
            stage: e.stage ?? null,
            note: e.note ?? "",
            amount_minor: e.amount === undefined ? null : yuan(e.amount),
            at: ago(e.daysAgo),
          })
          .execute();
      for (const p of c.payments ?? [])
        await trx
          .insertInto("policy_payment")
          .values({
            claim_id: claim.id,
            paid_on: dayAgo(p.daysAgo),
            amount_minor: yuan(p.amount),
            reference: p.reference,
            recorded_by: staffId,
            created_at: ago(p.daysAgo),
          })
          .execute();
    }
  });
}
