import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import {
  getCompanyForMember,
  updateCompany,
  type CompanyRecord,
  type EditableField,
} from "~/companies/companies.server";
import { CompanyForm } from "~/companies/company-form";
import { industryLabel, updateCompanySchema } from "~/companies/schema";
import { db } from "~/db.server";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Edit company details · 编辑企业信息 | Zizhu Park Portal") },
];

/** Owners only: members and users without a company get 403 (update:company:own). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:company:own");
  const company = await getCompanyForMember(db(), user.id, user.company!.id);
  invariantFound(company);
  return { company };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:company:own");
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: updateCompanySchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const result = await updateCompany(
    db(),
    user,
    user.company!.id,
    submission.value,
    requestMeta(request, context),
  );
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    if (result.error === "forbidden") throw new Response("Forbidden", { status: 403 });
    if (result.error === "creditCodeTaken") {
      return data(
        {
          result: submission.reply({
            fieldErrors: { creditCode: ["company:errors.creditCodeTaken"] },
          }),
          conflict: null,
        },
        { status: 400 },
      );
    }
    if (result.error !== "conflict") throw new Error("unreachable");
    // Keep what the user typed; show what is saved now; the next save is against the new version.
    return data(
      {
        result: submission.reply(),
        conflict: { current: result.current, changed: result.changed },
      },
      { status: 409 },
    );
  }
  return redirectWithToast("/company", { type: "success", key: "company:toast.updated" });
}

export default function EditCompany() {
  const { t } = useTranslation("company");
  const { company } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  const version = conflict ? conflict.current.version : company.version;
  return (
    <div className="container medium">
      <div className="page-header">
        <h1>{t("edit.title")}</h1>
      </div>
      {conflict ? <ConflictNotice current={conflict.current} changed={conflict.changed} /> : null}
      <section className="card">
        <CompanyForm
          key={version}
          mode="edit"
          lastResult={actionData?.result}
          defaultValue={{
            nameEn: company.nameEn,
            nameZh: company.nameZh,
            creditCode: company.creditCode,
            industry: company.industry,
            size: company.size,
            website: company.website,
          }}
          hidden={<input type="hidden" name="version" value={String(version)} />}
          submitText={t("edit.submit")}
          pendingText={t("edit.submitting")}
        />
        <p className="form-footer">
          <Link to="/company">{t("confirm.cancel")}</Link>
        </p>
      </section>
    </div>
  );
}

function ConflictNotice({
  current,
  changed,
}: {
  current: CompanyRecord;
  changed: EditableField[];
}) {
  const { t } = useTranslation("company");
  const locale = useLocale();
  const tt = t as unknown as (k: string) => string;
  const show = (field: EditableField): string => {
    const value = current[field];
    if (!value) return t("edit.conflictEmpty");
    if (field === "industry") return industryLabel(value, locale);
    if (field === "size") return tt(`sizes.${value}`);
    return value;
  };
  return (
    <div className="notice notice-warning" role="alert">
      <p>
        <strong>{t("edit.conflictTitle")}</strong>
      </p>
      <p>{t("edit.conflictLead")}</p>
      <ul>
        {changed.map((f) => (
          <li key={f}>{t("edit.conflictField", { field: tt(`fields.${f}`), current: show(f) })}</li>
        ))}
      </ul>
      <p>{t("edit.conflictAgain")}</p>
    </div>
  );
}
