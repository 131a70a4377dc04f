/**
 * Demo data for the company file (issue 14): registration, capital, intellectual property,
 * space and designations of the two demo companies. Idempotent: a company whose file already
 * has a registration date is left as it is.
 */
import { withCheckChar } from "~/companies/credit-code";
import type { DB } from "../client.server";

const FILES = [
  {
    credit_code: withCheckChar("91310112MA1GBX7Q2"),
    registered_on: "2018-06-12",
    capital_minor: 20_000_000_00,
    capital_currency: "CNY",
    invention_patents: 14,
    utility_models: 23,
    software_copyrights: 6,
    trademarks: 4,
    space: "Zizhu Science Park, Building 5, floors 3–4 (2,150 m² of offices and clean room)",
    designations: [
      {
        kind: "high_tech",
        reference: "GR202331004512",
        issued_on: "2023-11-15",
        expires_on: "2026-11-14",
      },
      {
        kind: "specialised_sme",
        reference: "沪经信2024-0312",
        issued_on: "2024-05-20",
        expires_on: "2027-05-19",
      },
      {
        kind: "tech_sme",
        reference: "202431011200345",
        issued_on: "2025-04-01",
        expires_on: "2026-12-31",
      },
    ],
  },
  {
    credit_code: withCheckChar("91310112MA1HCD4K8"),
    registered_on: "2022-09-01",
    capital_minor: 1_000_000_00,
    capital_currency: "USD",
    invention_patents: 1,
    utility_models: 0,
    software_copyrights: 11,
    trademarks: 2,
    space: "Incubator, Building 1, desks 12–15",
    designations: [
      {
        kind: "tech_sme",
        reference: "202531011200788",
        issued_on: "2025-06-10",
        expires_on: "2026-06-30",
      },
    ],
  },
] as const;

export async function seedCompanyFileDemo(db: DB): Promise<void> {
  for (const f of FILES) {
    const company = await db
      .selectFrom("company")
      .select(["id", "registered_on"])
      .where("credit_code", "=", f.credit_code)
      .executeTakeFirst();
    if (!company || company.registered_on) continue;
    const { designations, credit_code, ...fields } = f;
    void credit_code;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("company").set(fields).where("id", "=", company.id).execute();
      await trx
        .insertInto("company_designation")
        .values(designations.map((d) => ({ ...d, company_id: company.id })))
        .execute();
    });
  }
}
