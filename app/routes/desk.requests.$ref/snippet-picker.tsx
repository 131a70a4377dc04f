/**
 * Canned replies from the composer (ADR 0039): a search (a GET form, so it works without
 * JavaScript) and links that put a snippet, filled in for this request, into the composer.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

export interface PickerSnippet {
  id: string;
  title: string;
  shared: boolean;
  sets: string | null;
}

export function SnippetPicker({
  q,
  snippets,
  using,
}: {
  q: string | null;
  snippets: PickerSnippet[];
  using: string | null;
}) {
  const { t } = useTranslation("snippets");
  const qs = q ? `&sq=${encodeURIComponent(q)}` : "";
  return (
    <details className="sr-snippets" open={!!q || !!using}>
      <summary>{t("picker.title")}</summary>
      <Form method="get" className="search-form" role="search" preventScrollReset>
        <label htmlFor="snippet-search">{t("picker.search")}</label>
        <input id="snippet-search" name="sq" type="search" defaultValue={q ?? ""} maxLength={100} />
        <button type="submit" className="button button-secondary">
          {t("picker.button")}
        </button>
      </Form>
      {snippets.length ? (
        <ul className="sr-snippet-list">
          {snippets.map((s) => (
            <li key={s.id}>
              <Link
                to={`?use=${s.id}${qs}#composer`}
                preventScrollReset
                aria-current={using === s.id ? "true" : undefined}
              >
                {t("picker.use")}: {s.title}
              </Link>{" "}
              {s.sets ? <span className="badge">{t("macro")}</span> : null}{" "}
              <span className="muted">{s.shared ? t("shared") : t("personal")}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("picker.none")}</p>
      )}
      <p>
        <Link to="/desk/snippets">{t("picker.manage")}</Link>
      </p>
    </details>
  );
}
