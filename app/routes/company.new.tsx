import { parseForm, readForm } from "~/lib/form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission, requireUser } from "~/auth/guards.server";
import { safeRedirect } from "~/lib/redirect";
import { createCompany } from "~/companies/companies.server";
import { CompanyForm } from "~/companies/company-form";
import { companySchema } from "~/companies/schema";
import { db } from "~/db.server";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { idempotent } from "~/forms/idempotency.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Create a company profile · 创建企业档案 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // One company per user: someone who already has one is sent on (to where they were going).
  if (user.company) {
    const to = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/company");
    throw await redirectWithToast(to, { type: "info", key: "company:toast.alreadyHaveCompany" });
  }
  return null;
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:company:own");
  const formData = await readForm(request);
  const submission = parseForm(formData, { schema: companySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { redirectTo, ...input } = submission.value;
  const result = await createCompany(db(), user, input, requestMeta(request, context));
  if (!result.ok) {
    if (result.error === "creditCodeTaken")
      return data(
        submission.reply({ fieldErrors: { creditCode: ["company:errors.creditCodeTaken"] } }),
        { status: 400 },
      );
    return data(submission.reply({ formErrors: ["company:errors.alreadyInCompany"] }), {
      status: 400,
    });
  }
  return redirectWithToast(safeRedirect(redirectTo, "/company"), {
    type: "success",
    key: "company:toast.created",
  });
}

export default function NewCompany() {
  const { t } = useTranslation("company");
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <div className="container medium">
      <div className="page-header">
        <h1>{t("create.title")}</h1>
      </div>
      <section className="card">
        <p className="muted">{t("create.lead")}</p>
        <CompanyForm
          mode="create"
          lastResult={lastResult}
          hidden={
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          }
          submitText={t("create.submit")}
          pendingText={t("create.submitting")}
        />
      </section>
    </div>
  );
}
