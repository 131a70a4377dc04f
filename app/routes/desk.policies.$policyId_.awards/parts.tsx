/** The bulk award's two steps: choose companies, then confirm the grant (ADR 0048). */
import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { AwardCandidate } from "~/policies/awards.server";
import { ListPager, ListSearch } from "~/policies/list-ui";
import { listHref, type ListPage } from "~/policies/lists";

/**
 * Select all (on this page): with JavaScript, a box that ticks or clears the page's companies;
 * before hydration and without JavaScript, links that render the page all ticked or all clear.
 */
function SelectAll({ here }: { here: string }) {
  const { t: td } = useTranslation("desk");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated)
    return (
      <p className="row">
        <Link to={`${here}${here.includes("?") ? "&" : "?"}all=1`} preventScrollReset>
          {td("policyLists.selectPage")}
        </Link>
        <Link to={here} preventScrollReset>
          {td("policyLists.selectNone")}
        </Link>
      </p>
    );
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        data-testid="awards-select-all"
        onChange={(e) => {
          const boxes =
            e.currentTarget.form?.querySelectorAll<HTMLInputElement>("input[name=companyId]");
          for (const box of boxes ?? []) box.checked = e.currentTarget.checked;
        }}
      />
      <span>{td("policyLists.selectPage")}</span>
    </label>
  );
}

export function CandidateForm({
  path,
  list,
  selected,
  noneChosen,
}: {
  path: string;
  list: ListPage<AwardCandidate>;
  selected: string[];
  noneChosen: boolean;
}) {
  const { t } = useTranslation("claims");
  const { t: td } = useTranslation("desk");
  const locale = useLocale();
  if (!list.total) return <p className="muted">{t("awards.none")}</p>;
  return (
    <>
      <ListSearch id="awards-q" path={path} list={list} />
      {!list.matched ? (
        <p className="muted">{td("policyLists.noneMatch", { q: list.q })}</p>
      ) : (
        <Form method="post" className="stack" aria-labelledby="awards-choose">
          <h2 id="awards-choose" className="visually-hidden">
            {t("awards.choose")}
          </h2>
          {list.q ? <input type="hidden" name="q" value={list.q} /> : null}
          <SelectAll here={listHref(path, list.q, list.page)} />
          {list.pages > 1 ? <p className="muted">{td("policyLists.pageHint")}</p> : null}
          {noneChosen ? (
            <p className="notice notice-warning" role="alert">
              {t("awards.noneChosen")}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("awards.choose")}</span>
                  </th>
                  <th scope="col">{t("fields.company")}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((c) => {
                  const name = pick(locale, c.nameEn, c.nameZh);
                  return (
                    <tr key={c.companyId}>
                      <td className="card-inline card-first">
                        <input
                          type="checkbox"
                          name="companyId"
                          value={c.companyId}
                          defaultChecked={selected.includes(c.companyId)}
                          aria-label={t("awards.chooseCompany", { company: name })}
                        />
                      </td>
                      <th scope="row" className="card-title">
                        <Link to={`/desk/companies/${c.companyId}`}>{name}</Link>
                      </th>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="row">
            <button type="submit" name="intent" value="review" className="button">
              {t("awards.review")}
            </button>
            {list.pages > 1 ? (
              <button
                type="submit"
                name="intent"
                value="reviewAll"
                className="button button-secondary"
              >
                {td("policyLists.reviewAll", { count: list.matched })}
              </button>
            ) : null}
          </p>
        </Form>
      )}
      {list.pages > 1 ? <ListPager path={path} list={list} /> : null}
    </>
  );
}

export function ConfirmAwards({
  names,
  count,
  wanted,
  capped,
  selected,
}: {
  names: { companyId: string; nameEn: string; nameZh: string }[];
  count: number;
  wanted: number;
  capped: boolean;
  selected: string[];
}) {
  const { t } = useTranslation("claims");
  const { t: td } = useTranslation("desk");
  const locale = useLocale();
  return (
    <section
      className="card notice-warning stack"
      aria-labelledby="awards-confirm"
      data-testid="awards-confirm"
    >
      <h2 id="awards-confirm">{t("awards.confirmTitle", { count })}</h2>
      <p>{t("awards.confirmBody")}</p>
      {capped ? (
        <p className="notice" role="status">
          {td("policyLists.capped", { max: String(count), count: wanted })}
        </p>
      ) : null}
      <ul>
        {names.map((c) => (
          <li key={c.companyId}>{pick(locale, c.nameEn, c.nameZh)}</li>
        ))}
      </ul>
      {count > names.length ? (
        <p className="muted">{td("policyLists.more", { count: count - names.length })}</p>
      ) : null}
      <Form method="post" className="row">
        <IdempotencyKey />
        {selected.map((id) => (
          <input key={id} type="hidden" name="companyId" value={id} />
        ))}
        <SubmitButton name="intent" value="grant" pendingText={t("awards.granting")}>
          {t("awards.grant")}
        </SubmitButton>
        <button type="submit" name="intent" value="change" className="button button-secondary">
          {t("awards.change")}
        </button>
      </Form>
    </section>
  );
}
