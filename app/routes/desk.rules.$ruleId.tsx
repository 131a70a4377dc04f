import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { pageTitle } from "~/lib/page-title";
import { field, parseQuery } from "~/lib/query.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { RuleForm, ruleDefaults } from "~/service-requests/rule-ui";
import { RULE_FORM_LIMITS, ruleSchema } from "~/service-requests/rules";
import { deleteRule, getRule, ruleFormOptions, updateRule } from "~/service-requests/rules.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Rule · 规则 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:service_rule:any");
  const rule = await getRule(db(), user, params.ruleId ?? "");
  invariantFound(rule);
  const { confirm = false } = parseQuery(request, { confirm: field.flag() });
  return { rule, confirm, options: await ruleFormOptions(db(), user) };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_rule:any");
  const id = params.ruleId ?? "";
  const form = await readForm(request, { limits: RULE_FORM_LIMITS });
  if (form.get("intent") === "delete") {
    const removed = await deleteRule(db(), user, id);
    if (!removed.ok) throwIfMissing(removed);
    return redirectWithToast("/desk/rules", { type: "success", key: "rules:toast.deleted" });
  }
  const submission = parseForm(form, { schema: ruleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await updateRule(db(), user, id, submission.value);
  if (!result.ok) {
    throwIfMissing(result);
    return data(submission.reply({ formErrors: [`rules:errors.${result.error}`] }), {
      status: result.error === "conflict" ? 409 : 400,
    });
  }
  return redirectWithToast("/desk/rules", { type: "success", key: "rules:toast.updated" });
}

export default function EditRule() {
  const { rule, confirm, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("rules");
  const locale = useLocale();
  if (confirm)
    return (
      <div className="container">
        <h1>{t("removeTitle", { name: rule.name })}</h1>
        <p>{t("removeBody")}</p>
        <Form method="post" className="actions">
          <IdempotencyKey />
          <SubmitButton name="intent" value="delete" className="button button-danger">
            {t("removeConfirm")}
          </SubmitButton>{" "}
          <Link to={`/desk/rules/${rule.id}`} className="button button-secondary">
            {t("cancel")}
          </Link>
        </Form>
      </div>
    );
  return (
    <div className="container">
      <p>
        <Link to="/desk/rules">← {t("back")}</Link>
      </p>
      <header className="page-header spread">
        <h1>{t("edit")}</h1>
        <Link to={`/desk/rules/${rule.id}?confirm=1`} className="button button-secondary">
          {t("remove")}
        </Link>
      </header>
      <RuleForm
        key={rule.version}
        lastResult={lastResult}
        defaults={ruleDefaults(rule)}
        options={options}
        locale={locale}
      />
    </div>
  );
}
