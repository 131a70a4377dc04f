import { sql, type Kysely } from "kysely";

// Indicators as data (issue 14, ADR 0043): definitions over reported fields grouped into the
// national evaluation's four abilities, each with a weight; the park's starting set is seeded
// here. `indicator_company` holds each accepted report's contribution (numerator and
// denominator) and `indicator_value` their sums per period, industry and indicator, both
// rewritten in the transaction that accepts a report, so the dashboard reads a few indexed
// rows. Frozen in time: add a new migration to change it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE indicator (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
      ability text NOT NULL
        CHECK (ability IN ('innovation', 'upgrading', 'international', 'sustainable')),
      weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
      kind text NOT NULL CHECK (kind IN ('ratio', 'share', 'sum', 'growth')),
      field_a text NOT NULL,
      field_b text,
      unit text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind IN ('ratio', 'share')) = (field_b IS NOT NULL))
    );
    CREATE TABLE indicator_company (
      indicator_id uuid NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
      period_id uuid NOT NULL REFERENCES report_period(id) ON DELETE CASCADE,
      company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
      starts_on date NOT NULL,
      industry text NOT NULL,
      num double precision NOT NULL,
      den double precision NOT NULL,
      PRIMARY KEY (indicator_id, period_id, company_id)
    );
    CREATE INDEX indicator_company_top_idx
      ON indicator_company (indicator_id, period_id, num DESC);
    CREATE INDEX indicator_company_last_idx
      ON indicator_company (indicator_id, company_id, starts_on DESC);
    CREATE TABLE indicator_value (
      indicator_id uuid NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
      period_id uuid NOT NULL REFERENCES report_period(id) ON DELETE CASCADE,
      industry text NOT NULL,
      expected integer NOT NULL,
      known integer NOT NULL,
      num double precision NOT NULL,
      den double precision NOT NULL,
      PRIMARY KEY (indicator_id, period_id, industry)
    );
    CREATE INDEX indicator_value_period_idx ON indicator_value (period_id);
    CREATE INDEX report_period_form_start_idx ON report_period (form_version_id, starts_on);
  `.execute(db);
  const seed: [string, string, string, string, number, string, string, string | null, string][] = [
    [
      "rd_intensity",
      "R&D intensity",
      "研发经费投入强度",
      "innovation",
      20,
      "share",
      "rd_spending",
      "revenue",
      "%",
    ],
    [
      "tech_contracts",
      "Technology contract turnover",
      "技术合同成交额",
      "innovation",
      15,
      "sum",
      "tech_contracts",
      null,
      "CNY 10k",
    ],
    [
      "revenue_growth",
      "Revenue growth",
      "营业收入增长率",
      "upgrading",
      20,
      "growth",
      "revenue",
      null,
      "%",
    ],
    [
      "export_share",
      "Export share of revenue",
      "出口占营业收入比重",
      "international",
      15,
      "share",
      "exports",
      "revenue",
      "%",
    ],
    [
      "foreign_experts",
      "Foreign experts employed",
      "聘用外籍专家人数",
      "international",
      10,
      "sum",
      "foreign_experts",
      null,
      "people",
    ],
    [
      "degree_share",
      "Share of staff with a degree",
      "大专以上学历人员占比",
      "sustainable",
      20,
      "share",
      "staff_degree",
      "staff_total",
      "%",
    ],
  ];
  for (const [i, [code, en, zh, ability, weight, kind, a, b, unit]] of seed.entries())
    await sql`
      INSERT INTO indicator (code, name_en, name_zh, ability, weight, kind, field_a, field_b, unit, position)
      VALUES (${code}, ${en}, ${zh}, ${ability}, ${weight}, ${kind}, ${a}, ${b}, ${unit}, ${i})
    `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS indicator_value;
    DROP TABLE IF EXISTS indicator_company;
    DROP TABLE IF EXISTS indicator;
    DROP INDEX IF EXISTS report_period_form_start_idx;
  `.execute(db);
}
