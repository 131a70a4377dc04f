import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { isoDay } from "~/lib/format";
import { parseForm, readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { field, parseQuery } from "~/lib/query.server";
import { redirectWithToast } from "~/lib/toast.server";
import { companyBenchmark } from "~/statistics/benchmark.server";
import { companyReports, reportersOf, setReporter } from "~/statistics/reports.server";
import { Benchmark } from "./benchmark";
import { ReportsTable } from "./reports-table";
import { reporterSchema } from "~/statistics/schema";

export const meta: MetaFunction = () => [
  { title: "Statistical reports · 统计报表 | Zizhu Park Portal" },
];

/**
 * A company's reports (its owners and designated reporters; other members see who reports);
 * owners name the reporters here.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:company:own");
  const companyId = user.company!.id;
  const isOwner = user.company!.role === "owner";
  const query = parseQuery(request, { field: field.text(100), page: field.int(1, 10_000) });
  const listed = await companyReports(db(), user, { page: query.page });
  const bench = await companyBenchmark(db(), user, query.field ?? null, isoDay(new Date()));
  const people = (await reportersOf(db(), companyId)).map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    designated: p.designated,
  }));
  return {
    isOwner,
    isReporter: listed.ok,
    todo: listed.ok ? listed.todo : [],
    history: listed.ok ? listed.history : [],
    page: listed.ok ? listed.page : 1,
    pages: listed.ok ? listed.pages : 1,
    total: listed.ok ? listed.total : 0,
    people: isOwner ? people : people.filter((p) => p.role === "owner" || p.designated),
    me: user.id,
    benchmark: bench.ok ? bench : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:company_member:own");
  const submission = parseForm(await readForm(request), { schema: reporterSchema });
  if (submission.status !== "success") return data({ ok: false }, { status: 400 });
  const { userId, designated } = submission.value;
  const done = await setReporter(db(), user, userId, designated === "yes");
  if (!done.ok) throwIfMissing(done);
  const person = (await reportersOf(db(), user.company!.id)).find((p) => p.id === userId);
  return redirectWithToast("/company/reports#reporters", {
    type: "success",
    key: designated === "yes" ? "statistics:company.designated" : "statistics:company.undesignated",
    values: { name: person?.name ?? "" },
  });
}

export default function CompanyReportsPage() {
  const { isOwner, isReporter, todo, history, page, pages, total, people, me, benchmark } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("statistics");
  return (
    <div className="container medium stack">
      <p>
        <Link to="/company">← {t("company.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("company.title")}</h1>
        <p className="lead">{t("company.lead")}</p>
      </header>
      {isReporter ? (
        <section className="stack" aria-labelledby="todo-title">
          <h2 id="todo-title">{t("company.todo")}</h2>
          {todo.length ? (
            <ReportsTable id="company-reports" reports={todo} />
          ) : (
            <p className="muted">{total ? t("company.todoNone") : t("company.none")}</p>
          )}
        </section>
      ) : (
        <div className="notice">
          <p>{t("company.notReporter")}</p>
        </div>
      )}
      {benchmark?.chosen ? <Benchmark {...benchmark} chosen={benchmark.chosen} /> : null}
      {isReporter && history.length ? (
        <section className="stack" aria-labelledby="history-title" id="history">
          <h2 id="history-title">{t("company.history")}</h2>
          <ReportsTable id="company-history" reports={history} />
          {pages > 1 ? (
            <nav className="row sr-pager" aria-label={t("period.pages")}>
              {page > 1 ? (
                <Link to={`?page=${page - 1}#history`} rel="prev">
                  ← {t("period.previous")}
                </Link>
              ) : null}
              <span className="muted">
                {t("company.historyPageOf", { page, pages, count: total })}
              </span>
              {page < pages ? (
                <Link to={`?page=${page + 1}#history`} rel="next">
                  {t("period.next")} →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="reporters-title" id="reporters">
        <h2 id="reporters-title">{t("company.reporters")}</h2>
        <p className="muted">{t("company.reportersLead")}</p>
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {people.map((p) => (
            <li key={p.id} className="spread">
              <span>
                {p.name}{" "}
                <span className="badge badge-muted">
                  {p.role === "owner"
                    ? t("company.owner")
                    : p.designated
                      ? t("company.reporter")
                      : t("company.member")}
                </span>
              </span>
              {isOwner && p.role !== "owner" && p.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={p.id} />
                  <input type="hidden" name="designated" value={p.designated ? "no" : "yes"} />
                  <SubmitButton className="button button-secondary button-small">
                    {p.designated ? t("company.undesignate") : t("company.designate")}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
