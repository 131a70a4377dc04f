import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { RuleForm } from "~/service-requests/rule-ui";
import { RULE_FORM_LIMITS, ruleSchema } from "~/service-requests/rules";
import { createRule, ruleFormOptions } from "~/service-requests/rules.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "New rule · 新建规则 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:service_rule:any");
  return { options: await ruleFormOptions(db(), user) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_rule:any");
  const form = await readForm(request, { limits: RULE_FORM_LIMITS });
  const submission = parseForm(form, { schema: ruleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createRule(db(), user, submission.value);
  if (!result.ok)
    return data(submission.reply({ formErrors: [`rules:errors.${result.error}`] }), {
      status: 400,
    });
  return redirectWithToast("/desk/rules", { type: "success", key: "rules:toast.created" });
}

export default function NewRule() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("rules");
  const locale = useLocale();
  return (
    <div className="container">
      <p>
        <Link to="/desk/rules">← {t("back")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <RuleForm
        lastResult={lastResult}
        defaults={{ event: "created", enabled: "yes" }}
        options={options}
        locale={locale}
      />
    </div>
  );
}
