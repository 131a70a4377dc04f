/**
 * What the statistics desk pages read besides reports.server.ts (issue 14, ADR 0035): the
 * forms with their latest version and whether it is frozen, one form for the editor, and the
 * latest version of a form for opening a period. Statistics staff only.
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import type { FormDefinition } from "./forms";
import { asDefinition, isFrozen, listForms } from "./reports.server";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

export interface DeskForm {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
  versionId: string;
  version: number;
  frozen: boolean;
  fields: number;
}

export async function listDeskForms(
  db: Executor,
  viewer: Viewer,
): Promise<Success<{ forms: DeskForm[] }> | Failure<"forbidden">> {
  if (!can(viewer, "manage:statistics:any")) return fail("forbidden");
  const rows = await listForms(db);
  const forms: DeskForm[] = [];
  for (const r of rows) {
    const v = await db
      .selectFrom("report_form_version")
      .select(sql<number>`jsonb_array_length(fields)`.as("n"))
      .where("id", "=", r.version_id)
      .executeTakeFirstOrThrow();
    forms.push({
      id: r.id,
      code: r.code,
      nameEn: r.name_en,
      nameZh: r.name_zh,
      versionId: r.version_id,
      version: r.version,
      frozen: await isFrozen(db, r.version_id),
      fields: Number(v.n),
    });
  }
  return ok({ forms });
}

export interface EditableForm {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
  version: number;
  frozen: boolean;
  definition: FormDefinition;
}

/** A form's latest version for the editor. */
export async function getFormForEdit(
  db: Executor,
  viewer: Viewer,
  formId: string,
): Promise<Success<{ form: EditableForm }> | Failure<"forbidden" | "notFound">> {
  if (!can(viewer, "manage:statistics:any")) return fail("forbidden");
  if (!isUuid(formId)) return fail("notFound");
  const row = await db
    .selectFrom("report_form as f")
    .innerJoin("report_form_version as v", "v.form_id", "f.id")
    .select([
      "f.id",
      "f.code",
      "f.name_en",
      "f.name_zh",
      "v.id as version_id",
      "v.version",
      "v.fields",
      "v.checks",
    ])
    .where("f.id", "=", formId)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return fail("notFound");
  return ok({
    form: {
      id: row.id,
      code: row.code,
      nameEn: row.name_en,
      nameZh: row.name_zh,
      version: row.version,
      frozen: await isFrozen(db, row.version_id),
      definition: asDefinition(row.fields, row.checks),
    },
  });
}

/** The version a new period of this form is opened with: its latest. */
export async function latestVersionId(db: Executor, formId: string): Promise<string | null> {
  if (!isUuid(formId)) return null;
  const row = await db
    .selectFrom("report_form_version")
    .select("id")
    .where("form_id", "=", formId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The id of the form with this code, or null. */
export async function formIdByCode(db: Executor, code: string): Promise<string | null> {
  const row = await db
    .selectFrom("report_form")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  return row?.id ?? null;
}
