/** The saved views: links to named queries, a delete button on one's own, and a save form. */
import { Form, Link, useLocation } from "@remix-run/react";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";

interface View {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  owner_id: string;
}

export function SavedViews({ views, me, query }: { views: View[]; me: string; query: string }) {
  const { t } = useTranslation("services");
  const location = useLocation();
  return (
    <section className="card">
      <h2 className="visually-hidden">{t("desk.views")}</h2>
      <div className="sr-views">
        <strong>{t("desk.views")}:</strong>{" "}
        {views.length ? (
          views.map((v) => (
            <span key={v.id} className="sr-view">
              <Link to={`/desk/requests?${v.query}`}>{v.name}</Link>
              {v.shared ? <span className="badge badge-muted">{t("desk.shared")}</span> : null}
              {v.owner_id === me ? (
                <Form method="post" className="sr-inline">
                  <input type="hidden" name="viewId" value={v.id} />
                  <input type="hidden" name="back" value={location.search} />
                  <button
                    type="submit"
                    name="intent"
                    value="delete-view"
                    className="link-button"
                    aria-label={`${t("desk.deleteView")}: ${v.name}`}
                  >
                    ×
                  </button>
                </Form>
              ) : null}
            </span>
          ))
        ) : (
          <span className="muted">{t("desk.noViews")}</span>
        )}
      </div>
      <details>
        <summary>{t("desk.saveView")}</summary>
        <Form method="post" className="sr-filters">
          <IdempotencyKey />
          <input type="hidden" name="query" value={query} />
          <input type="hidden" name="back" value={location.search} />
          <div className="field">
            <label htmlFor="view-name">{t("desk.viewName")}</label>
            <input id="view-name" name="name" required maxLength={80} />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="shared" /> {t("desk.viewShared")}
          </label>
          <button
            type="submit"
            name="intent"
            value="save-view"
            className="button button-secondary button-small"
          >
            {t("desk.saveView")}
          </button>
        </Form>
      </details>
    </section>
  );
}
