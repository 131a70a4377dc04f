import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { AccountManagerForm, accountManagerSchema } from "~/companies/account-manager-form";
import {
  accountManagerChoices,
  ACCOUNT_MANAGER_PERMISSION,
  setAccountManager,
} from "~/companies/account-manager.server";
import { companyTimeline, getCompanyFile, listChanges } from "~/companies/file.server";
import { ChangeList, CompanyFileFacts, DesignationTable } from "~/companies/file-ui";
import { industryLabel } from "~/companies/schema";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { decodeCursor } from "~/lib/cursor.server";
import { formatDateTime, isoDay } from "~/lib/format";
import { idempotent } from "~/forms/idempotency.server";
import { parseForm, readForm } from "~/lib/form.server";
import { notFound } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { useLocale } from "~/lib/root-data";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.file.nameEn ?? ""} · Companies · 企业 | Zizhu Park Portal` },
];

/** Staff (read:company:any): the company's file, its history and its timeline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:company:any");
  const id = params.companyId ?? "";
  const url = new URL(request.url);
  const found = await getCompanyFile(db(), user, id);
  if (!found.ok) notFound();
  const before = Number(url.searchParams.get("changesBefore") ?? "");
  const changes = await listChanges(db(), user, id, {
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  });
  const cursor = decodeCursor(url.searchParams.get("cursor"));
  const timeline = await companyTimeline(db(), user, id, cursor);
  if (!changes.ok || !timeline.ok) notFound();
  return {
    file: found.file,
    designations: found.designations,
    changes: changes.items,
    changesNext: changes.next,
    timeline: timeline.items,
    timelineNext: timeline.next,
    paged: !!cursor,
    today: isoDay(new Date()),
    manager: can(user, ACCOUNT_MANAGER_PERMISSION) ? await accountManagerChoices(db(), id) : null,
  };
}

/** Desk staff set or clear the company's account manager (ADR 0048). */
export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, ACCOUNT_MANAGER_PERMISSION);
  const id = params.companyId ?? "";
  const submission = parseForm(await readForm(request), { schema: accountManagerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await setAccountManager(db(), user, id, submission.value.managerId ?? null);
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data(submission.reply({ fieldErrors: { managerId: ["companyFile:manager.invalid"] } }), {
      status: 422,
    });
  }
  return redirectWithToast(`/desk/companies/${id}`, {
    type: "success",
    key: "companyFile:manager.saved",
  });
}

export default function DeskCompany() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("companyFile");
  const tc = useTranslation("company").t as unknown as (k: string) => string;
  const tt = t as unknown as (k: string) => string;
  const locale = useLocale();
  const f = d.file;
  return (
    <div className="container stack">
      <p>
        <Link to="/desk/companies">← {t("desk.backToList")}</Link>
      </p>
      <header className="page-header">
        <h1>{pick(locale, f.nameEn, f.nameZh)}</h1>
        <p className="muted">
          {pick(locale, f.nameZh, f.nameEn)} · {industryLabel(f.industry, locale)} ·{" "}
          {tc(`sizes.${f.size}`)}
          {f.creditCode ? (
            <>
              {" "}
              · <code>{f.creditCode}</code>
            </>
          ) : null}
        </p>
      </header>
      <div className="project-layout">
        <div className="stack">
          <section className="card" aria-labelledby="file-title">
            <h2 id="file-title">{t("title")}</h2>
            <CompanyFileFacts file={f} />
          </section>
          {d.manager ? (
            <section className="card" aria-labelledby="manager-title">
              <h2 id="manager-title">{t("manager.title")}</h2>
              <AccountManagerForm
                managerId={d.manager.managerId}
                staff={d.manager.staff}
                lastResult={lastResult}
              />
            </section>
          ) : null}
          <section className="card" aria-labelledby="designations-title">
            <h2 id="designations-title">{t("designations.title")}</h2>
            <DesignationTable designations={d.designations} today={d.today} />
          </section>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{t("history.title")}</h2>
            <ChangeList
              changes={d.changes}
              olderHref={
                d.changesNext ? `?changesBefore=${d.changesNext}#history-title` : undefined
              }
            />
          </section>
        </div>
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("timeline.title")}</h2>
          {d.timeline.length ? (
            <ol className="timeline">
              {d.timeline.map((e) => (
                <li key={`${e.kind}-${e.id}`}>
                  <span className="muted">{formatDateTime(e.at, locale)}</span>
                  <br />
                  <strong>{tt(`timeline.kinds.${e.kind}`)}</strong>
                  {" · "}
                  {e.link ? <Link to={e.link}>{e.title}</Link> : e.title}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t("timeline.none")}</p>
          )}
          <p className="row">
            {d.paged ? <Link to=".">{t("timeline.newest")}</Link> : null}
            {d.timelineNext ? (
              <Link to={`?cursor=${d.timelineNext}#timeline-title`}>{t("timeline.older")} →</Link>
            ) : null}
          </p>
        </section>
      </div>
    </div>
  );
}
