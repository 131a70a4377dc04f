/** The queue's filter form (GET, works without JavaScript): policy, state, company name. */
import { Form, Link } from "@remix-run/react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { CLAIM_STATUSES } from "~/policies/claim-schema";

export function ClaimFilters({
  params,
  policies,
}: {
  params: { policy: string; status: string; q: string };
  policies: readonly { id: string; title_en: string; title_zh: string }[];
}) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  return (
    <Form method="get" className="card claim-filters" aria-label={t("desk.filter")}>
      <div className="field">
        <label htmlFor="cf-policy">{t("fields.policy")}</label>
        <select id="cf-policy" name="policy" defaultValue={params.policy}>
          <option value="">{t("desk.allPolicies")}</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {pick(locale, p.title_en, p.title_zh)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cf-status">{t("fields.status")}</label>
        <select id="cf-status" name="status" defaultValue={params.status}>
          <option value="">{t("desk.allStates")}</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cf-q">{t("desk.search")}</label>
        <input id="cf-q" name="q" type="search" maxLength={100} defaultValue={params.q} />
      </div>
      <div className="row">
        <button type="submit" className="button button-secondary">
          {t("desk.apply")}
        </button>
        <Link to="/desk/claims">{t("desk.clear")}</Link>
      </div>
    </Form>
  );
}
