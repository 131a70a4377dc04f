/** The bulk award's two steps: choose companies, then confirm the grant (ADR 0048). */
import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { AwardCandidate } from "~/policies/awards.server";

/**
 * Select all: with JavaScript, a box that ticks or clears every company; before hydration and
 * without JavaScript, links that render the list all ticked or all clear.
 */
function SelectAll() {
  const { t } = useTranslation("claims");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated)
    return (
      <p className="row">
        <Link to="?all=1" preventScrollReset>
          {t("awards.selectAll")}
        </Link>
        <Link to="?" preventScrollReset>
          {t("awards.selectNone")}
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
      <span>{t("awards.selectAll")}</span>
    </label>
  );
}

export function CandidateForm({
  candidates,
  selected,
  noneChosen,
}: {
  candidates: AwardCandidate[];
  selected: string[];
  noneChosen: boolean;
}) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  if (!candidates.length) return <p className="muted">{t("awards.none")}</p>;
  return (
    <Form method="post" className="stack" aria-labelledby="awards-choose">
      <h2 id="awards-choose" className="visually-hidden">
        {t("awards.choose")}
      </h2>
      <SelectAll />
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
            {candidates.map((c) => {
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
      <p>
        <button type="submit" name="intent" value="review" className="button">
          {t("awards.review")}
        </button>
      </p>
    </Form>
  );
}

export function ConfirmAwards({
  companies,
  selected,
}: {
  companies: AwardCandidate[];
  selected: string[];
}) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  return (
    <section
      className="card notice-warning stack"
      aria-labelledby="awards-confirm"
      data-testid="awards-confirm"
    >
      <h2 id="awards-confirm">{t("awards.confirmTitle", { count: companies.length })}</h2>
      <p>{t("awards.confirmBody")}</p>
      <ul>
        {companies.map((c) => (
          <li key={c.companyId}>{pick(locale, c.nameEn, c.nameZh)}</li>
        ))}
      </ul>
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
