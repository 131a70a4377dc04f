import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { requirePermission } from "~/auth/guards.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { RuleSummary } from "~/service-requests/rule-ui";
import {
  listRules,
  moveRule,
  ruleFormOptions,
  setRuleEnabled,
} from "~/service-requests/rules.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Rules · 规则 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:service_rule:any");
  return { rules: await listRules(db(), user), options: await ruleFormOptions(db(), user) };
}

/** The list's own forms: turn a rule on or off, move it up or down. */
const listIntent = z.object({
  intent: z.enum(["enable", "disable", "up", "down"]),
  id: z.string().max(40),
});

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service_rule:any");
  const form = await readForm(request);
  const parsed = listIntent.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "invalid" }, { status: 400 });
  const { intent, id } = parsed.data;
  const result =
    intent === "enable" || intent === "disable"
      ? await setRuleEnabled(db(), user, id, intent === "enable")
      : await moveRule(db(), user, id, intent);
  if (!result.ok) throwIfMissing(result);
  const key =
    intent === "enable"
      ? "rules:toast.enabled"
      : intent === "disable"
        ? "rules:toast.disabled"
        : "rules:toast.moved";
  return redirectWithToast(`/desk/rules#rule-${id}`, { type: "success", key });
}

function ListButton({
  id,
  intent,
  label,
  name,
}: {
  id: string;
  intent: string;
  label: string;
  name: string;
}) {
  return (
    <Form method="post">
      <IdempotencyKey />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className="button button-secondary button-small"
        aria-label={name}
      >
        {label}
      </button>
    </Form>
  );
}

export default function DeskRules() {
  const { rules, options } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rules");
  const locale = useLocale();
  return (
    <div className="container">
      <p>
        <Link to="/desk">← {t("backDesk")}</Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        <Link to="/desk/rules/new" className="button">
          {t("new")}
        </Link>
      </header>
      {rules.length === 0 ? (
        <p className="notice">{t("empty")}</p>
      ) : (
        <ol className="stack rule-list">
          {rules.map((r, i) => (
            <li key={r.id} id={`rule-${r.id}`} className="card" data-testid="rule">
              <h2 className="h3">
                <span className="muted">{i + 1}. </span>
                <Link to={`/desk/rules/${r.id}`}>{r.name}</Link>{" "}
                <span className={r.enabled ? "badge badge-success" : "badge badge-muted"}>
                  {r.enabled ? t("on") : t("off")}
                </span>
              </h2>
              <RuleSummary rule={r} options={options} locale={locale} />
              <div className="rule-actions">
                {r.enabled ? (
                  <ListButton
                    id={r.id}
                    intent="disable"
                    label={t("disable")}
                    name={t("disableNamed", { name: r.name })}
                  />
                ) : (
                  <ListButton
                    id={r.id}
                    intent="enable"
                    label={t("enable")}
                    name={t("enableNamed", { name: r.name })}
                  />
                )}
                {i > 0 ? (
                  <ListButton
                    id={r.id}
                    intent="up"
                    label={t("moveUp")}
                    name={t("moveUpNamed", { name: r.name })}
                  />
                ) : null}
                {i < rules.length - 1 ? (
                  <ListButton
                    id={r.id}
                    intent="down"
                    label={t("moveDown")}
                    name={t("moveDownNamed", { name: r.name })}
                  />
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
