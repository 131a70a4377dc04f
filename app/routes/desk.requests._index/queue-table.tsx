/** One page of the queue: a row per request with its select box and seen version, and the pager. */
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { StateBadge, useFormatDate } from "~/service-requests/components";
import type { listQueue } from "~/service-requests/queue.server";

type Page = Awaited<ReturnType<typeof listQueue>>;

/**
 * The rows, each with its select box; with JavaScript a select-all box heads the column
 * (`onSelect` reports how many are ticked). Without JavaScript the column has no select-all.
 */
export function QueueTable({
  items,
  onSelect,
}: {
  items: Page["items"];
  onSelect?: (count: number) => void;
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const date = useFormatDate();
  if (!items.length) return <p className="card muted">{t("desk.empty")}</p>;
  const ticked = (form: HTMLFormElement | null) =>
    form
      ? [...form.querySelectorAll<HTMLInputElement>("input[name=refs]")].filter((c) => c.checked)
          .length
      : 0;
  return (
    <div
      className="table-wrap"
      onChange={(e) => onSelect?.(ticked((e.target as HTMLInputElement).form))}
    >
      <table className="table table-cards sr-queue">
        <thead>
          <tr>
            <th scope="col">
              <SelectAll count={items.length} onSelect={onSelect} />
            </th>
            <th scope="col">{t("list.ref")}</th>
            <th scope="col">{t("list.subject")}</th>
            <th scope="col">{t("list.state")}</th>
            <th scope="col">{t("desk.due")}</th>
            <th scope="col">{t("desk.priority")}</th>
            <th scope="col">{t("desk.company")}</th>
            <th scope="col">{t("desk.team")}</th>
            <th scope="col">{t("desk.assignee")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={r.breached ? "sr-row-breached" : undefined}>
              <td className="card-inline card-first">
                <input
                  type="checkbox"
                  name="refs"
                  value={r.ref}
                  aria-label={`${t("desk.select")} ${r.ref}`}
                />
                <input type="hidden" name="seen" value={`${r.ref}@${r.version}`} />
              </td>
              <td className="nowrap card-inline card-first">
                <Link to={`/desk/requests/${r.ref}`}>{r.ref}</Link>
              </td>
              <td className="sr-subject card-title">
                {r.subject}
                <br />
                <span className="muted">{pick(locale, r.typeEn, r.typeZh)}</span>
              </td>
              <td className="card-inline card-key">
                <StateBadge state={r.state} staff />
              </td>
              <td className="card-inline card-key sr-due" data-label={t("desk.due")}>
                <span className="nowrap">{r.dueAt ? date(r.dueAt) : "–"}</span>{" "}
                {r.breached ? (
                  <span className="badge badge-danger">{t("sla.breached")}</span>
                ) : null}
              </td>
              <td className="card-inline card-key" data-label={t("desk.priority")}>
                {t(`priorities.${r.priority}`)}
              </td>
              <td data-label={t("desk.company")}>{pick(locale, r.companyEn, r.companyZh)}</td>
              <td className="card-inline" data-label={t("desk.team")}>
                {r.teamEn ? pick(locale, r.teamEn, r.teamZh) : "–"}
              </td>
              <td className="card-inline" data-label={t("desk.assignee")}>
                {r.assignee ?? "–"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The select-all box: rendered once hydrated (it needs JavaScript), a hidden label before. */
function SelectAll({ count, onSelect }: { count: number; onSelect?: (n: number) => void }) {
  const { t } = useTranslation("services");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <span className="visually-hidden">{t("desk.select")}</span>;
  return (
    <input
      type="checkbox"
      aria-label={t("desk.selectAll")}
      data-testid="select-all"
      onChange={(e) => {
        const form = e.currentTarget.form;
        for (const box of form?.querySelectorAll<HTMLInputElement>("input[name=refs]") ?? [])
          box.checked = e.currentTarget.checked;
        onSelect?.(e.currentTarget.checked ? count : 0);
        e.stopPropagation();
      }}
    />
  );
}

/** First page and next page links that keep the filters (`base`, without the cursor). */
export function Pager({
  base,
  after,
  next,
}: {
  base: string;
  after?: string;
  next: string | null;
}) {
  const { t } = useTranslation("services");
  return (
    <nav className="row sr-pager" aria-label="pagination">
      {after ? (
        <Link to={`/desk/requests${base ? `?${base}` : ""}`}>{t("desk.firstPage")}</Link>
      ) : null}
      {next ? (
        <Link to={`/desk/requests?${base ? `${base}&` : ""}after=${next}`}>
          {t("desk.nextPage")} →
        </Link>
      ) : null}
    </nav>
  );
}
