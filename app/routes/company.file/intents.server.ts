/** The company file page's intents: save the file, add or remove a designation. */
import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { addDesignation, removeDesignation, updateCompanyFile } from "~/companies/file.server";
import {
  companyFileSchema,
  designationSchema,
  removeDesignationSchema,
} from "~/companies/file-schema";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";

export type FileIntent = "file" | "addDesignation" | "removeDesignation";

export function isFileIntent(v: unknown): v is FileIntent {
  return v === "file" || v === "addDesignation" || v === "removeDesignation";
}

interface Ctx {
  user: SessionUser;
  companyId: string;
  form: FormData;
  ip: string | null;
}

export async function runFileIntent(intent: FileIntent, { user, companyId, form, ip }: Ctx) {
  if (intent === "file") {
    const submission = parseForm(form, { schema: companyFileSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), conflict: false }, { status: 400 });
    const done = await updateCompanyFile(db(), user, companyId, submission.value, { ip });
    if (!done.ok && done.error === "conflict")
      return data({ intent, result: submission.reply(), conflict: true }, { status: 409 });
    if (!done.ok) throwIfMissing(done);
    return redirectWithToast("/company/file", { type: "success", key: "companyFile:saved" });
  }
  if (intent === "addDesignation") {
    const submission = parseForm(form, { schema: designationSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), conflict: false }, { status: 400 });
    const done = await addDesignation(db(), user, companyId, submission.value, { ip });
    if (!done.ok) throwIfMissing(done);
    return redirectWithToast("/company/file", {
      type: "success",
      key: "companyFile:designations.added",
    });
  }
  const submission = parseForm(form, { schema: removeDesignationSchema });
  if (submission.status !== "success")
    return data({ intent, result: submission.reply(), conflict: false }, { status: 400 });
  const done = await removeDesignation(db(), user, companyId, submission.value.designationId, {
    ip,
  });
  if (!done.ok) throwIfMissing(done);
  return redirectWithToast("/company/file", {
    type: "success",
    key: "companyFile:designations.removed",
  });
}
