/**
 * Issue 16, after the decision: an acceptance is an offer; the company accepts (the agreement
 * PDF is generated) or declines; both sides sign; only then is the company a resident, and the
 * programme's onboarding requests open, once each however often signing is repeated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertCall,
  insertCompany,
  insertProgramme,
  insertServiceType,
  insertUser,
} from "../../tests/support/factories";
import { demoPdf } from "#db/seed/demo-incubation.server";
import { getStoredFile } from "~/uploads/uploads.server";
import {
  assignReviewers,
  draftDecision,
  releaseDecisions,
  saveStep,
  staffTransition,
  startApplication,
  submitApplication,
  type Ctx,
} from "./incubation.server";
import {
  dayOf,
  getOffer,
  listOnboarding,
  replyToOffer,
  setOnboardingTypes,
  signAgreement,
} from "./offer.server";

let t: TestDatabase;
const ctx = (userId: string): Ctx => ({ userId, origin: "http://portal.test" });
let owner: string, staff: string, rev: string;
let programmeId: string;
const signed = () => ({ bytes: demoPdf("Signed"), filename: "signed.pdf" });

beforeAll(async () => {
  t = await createTestDatabase();
  staff = (
    await insertUser(t.db, { email: "offer-staff@test.example", name: "Staff", roles: ["staff"] })
  ).id;
  rev = (
    await insertUser(t.db, { email: "offer-rev@test.example", name: "Rev", roles: ["reviewer"] })
  ).id;
  programmeId = await insertProgramme(t.db);
  await insertServiceType(t.db, { code: "onb-registration", nameEn: "Company registration" });
  await insertServiceType(t.db, { code: "onb-lease", nameEn: "Lease and move-in" });
  expect(
    await setOnboardingTypes(t.db, ctx(staff), programmeId, [
      "onb-registration",
      "onb-lease",
      "no-such-type",
    ]),
  ).toBe(true);
});
afterAll(() => t.close());

/** A new company's application, accepted and released: an offer. */
async function offered(terms = {}) {
  // One company per user: each offer is to a new company with a new owner.
  owner = (await insertUser(t.db, { email: `o-${Math.random()}@test.example`, name: "Owner" })).id;
  const companyId = (
    await insertCompany(t.db, { nameEn: `Offer Co ${Math.random()}`, nameZh: "要约公司", owner })
  ).id;
  const callId = await insertCall(t.db, {
    programmeId,
    questions: [
      { key: "team", step: 1, labelEn: "Team", labelZh: "团队", required: true, maxLength: 100 },
    ],
    rubric: [{ key: "team", labelEn: "Team", labelZh: "团队", weight: 1, max: 5 }],
  });
  const started = await startApplication(t.db, ctx(owner), { id: companyId }, callId);
  if (!started.ok) throw new Error(started.error);
  const id = started.id;
  await saveStep(t.db, ctx(owner), companyId, id, 1, { team: "Two" }, 1);
  await submitApplication(t.db, ctx(owner), companyId, id);
  await staffTransition(t.db, ctx(staff), id, "start_screening");
  await staffTransition(t.db, ctx(staff), id, "send_to_review");
  await assignReviewers(t.db, ctx(staff), id, [rev]);
  await draftDecision(t.db, ctx(staff), id, {
    outcome: "accepted_with_conditions",
    letter: "Welcome",
    locale: "en",
    terms: {
      conditions: "Register in the park within 60 days",
      space: "Building 3, room 301",
      replyBy: "2099-01-31",
      startDate: "2099-02-01",
      plannedEndDate: "2101-01-31",
      ...terms,
    },
  });
  await releaseDecisions(t.db, ctx(staff), callId);
  return { id, companyId };
}

const resident = async (companyId: string) =>
  await t.db
    .selectFrom("company")
    .select(["is_resident", "resident_since"])
    .where("id", "=", companyId)
    .executeTakeFirstOrThrow();

describe("the offer", () => {
  it("is made by a released acceptance, with the drafted terms; the company is not a resident yet", async () => {
    const { id, companyId } = await offered();
    const offer = await getOffer(t.db, id);
    expect(offer?.status).toBe("offered");
    expect(offer?.conditions).toBe("Register in the park within 60 days");
    expect(dayOf(offer!.start_date)).toBe("2099-02-01");
    expect((await resident(companyId)).is_resident).toBe(false);
  });

  it("is declined with a reason, once; another company cannot reply", async () => {
    const { id, companyId } = await offered();
    const stranger = (await insertUser(t.db, { email: "offer-x@test.example", name: "X" })).id;
    const other = (await insertCompany(t.db, { nameEn: "Other", nameZh: "其他", owner: stranger }))
      .id;
    expect(await replyToOffer(t.db, ctx(stranger), other, id, { accept: true })).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(
      await replyToOffer(t.db, ctx(owner), companyId, id, { accept: false, reason: " " }),
    ).toEqual({ ok: false, error: "reasonRequired" });
    expect(
      await replyToOffer(t.db, ctx(owner), companyId, id, { accept: false, reason: "Moved" }),
    ).toEqual({ ok: true });
    expect(await replyToOffer(t.db, ctx(owner), companyId, id, { accept: true })).toEqual({
      ok: false,
      error: "replied",
    });
    expect((await getOffer(t.db, id))?.status).toBe("declined");
  });

  it("cannot be accepted after its reply-by date", async () => {
    const { id, companyId } = await offered({ replyBy: "2020-01-01" });
    expect(await replyToOffer(t.db, ctx(owner), companyId, id, { accept: true })).toEqual({
      ok: false,
      error: "expired",
    });
  });
});

describe("the agreement and onboarding", () => {
  it("accepting generates the bilingual agreement PDF; both signatures make a resident and open onboarding once", async () => {
    const { id, companyId } = await offered();
    expect(await replyToOffer(t.db, ctx(owner), companyId, id, { accept: true })).toEqual({
      ok: true,
    });
    const offer = await getOffer(t.db, id);
    expect(offer?.status).toBe("accepted");
    const pdf = await getStoredFile(t.db, offer!.agreement_file_id!);
    expect(Buffer.from(pdf!.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    // Signing needs an accepted offer and a PDF.
    expect(
      await signAgreement(
        t.db,
        ctx(owner),
        "company",
        id,
        {
          bytes: new TextEncoder().encode("<html>"),
          filename: "x.pdf",
        },
        { companyId },
      ),
    ).toEqual({ ok: false, error: "fileType" });

    const first = await signAgreement(t.db, ctx(owner), "company", id, signed(), { companyId });
    expect(first).toEqual({ ok: true, signed: false, opened: 0 });
    expect((await resident(companyId)).is_resident).toBe(false);
    const both = await signAgreement(t.db, ctx(staff), "staff", id, signed());
    expect(both).toEqual({ ok: true, signed: true, opened: 2 });
    const r = await resident(companyId);
    expect(r.is_resident).toBe(true);
    expect(dayOf(r.resident_since!)).toBe("2099-02-01");
    expect((await getOffer(t.db, id))?.status).toBe("signed");

    // Signing again (either side): nothing opens twice.
    expect(await signAgreement(t.db, ctx(staff), "staff", id, signed())).toEqual({
      ok: true,
      signed: true,
      opened: 0,
    });
    expect(await signAgreement(t.db, ctx(owner), "company", id, signed(), { companyId })).toEqual({
      ok: true,
      signed: true,
      opened: 0,
    });
    const onboarding = await listOnboarding(t.db, id);
    expect(onboarding.map((o) => o.name_en).sort()).toEqual([
      "Company registration",
      "Lease and move-in",
    ]);
    expect(onboarding.every((o) => o.state === "new" && /^SR-/.test(o.ref))).toBe(true);
    const requests = await t.db
      .selectFrom("service_request")
      .select(["company_id", "requester_id"])
      .where(
        "ref",
        "in",
        onboarding.map((o) => o.ref),
      )
      .execute();
    expect(requests.every((q) => q.company_id === companyId && q.requester_id === owner)).toBe(
      true,
    );
  });

  it("refuses a signed copy before the offer is accepted", async () => {
    const { id, companyId } = await offered();
    expect(await signAgreement(t.db, ctx(owner), "company", id, signed(), { companyId })).toEqual({
      ok: false,
      error: "notAccepted",
    });
  });
});
