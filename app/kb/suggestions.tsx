/**
 * Suggested help articles on the new-request page (ADR 0030). Without JavaScript the request
 * form's "Check for answers" button posts the form (everything typed comes back); with it,
 * typing the subject asks /requests/suggest after a pause. Each suggestion opens in a new tab
 * through a small form outside the request form (`form=` attribute), which counts the open.
 */
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";

export interface Suggestion {
  id: string;
  slug: string;
  title_en: string;
  title_zh: string;
}
export interface SuggestReply {
  items: Suggestion[];
  seen: string[];
}

const DEBOUNCE_MS = 350;

/** The suggestions shown: the last no-JS check, then what the debounced fetches answer. */
export function useSuggestions(initial: SuggestReply | null, typeId: string) {
  const fetcher = useFetcher<SuggestReply>({ key: "kb-suggest" });
  const seen = useRef<string[]>(initial?.seen ?? []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef("");
  const [checked, setChecked] = useState(!!initial);
  useEffect(() => {
    if (fetcher.data) seen.current = fetcher.data.seen;
  }, [fetcher.data]);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);
  const onSubject = useCallback(
    (value: string) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const subject = value.trim();
        if (subject === last.current) return;
        last.current = subject;
        if (subject.length < 3) return;
        setChecked(true);
        fetcher.submit(
          { subject, typeId, seen: seen.current.join(",") },
          { method: "post", action: "/requests/suggest" },
        );
      }, DEBOUNCE_MS);
    },
    [fetcher, typeId],
  );
  return {
    items: fetcher.data?.items ?? initial?.items ?? [],
    loading: fetcher.state !== "idle",
    checked,
    onSubject,
  };
}

/** The list, inside the request form: each item is a button of its own form (below). */
export function SuggestionPanel({
  items,
  loading,
  checked,
}: {
  items: Suggestion[];
  loading: boolean;
  checked: boolean;
}) {
  const { t } = useTranslation("kb");
  const locale = useLocale();
  return (
    <section className="kb-suggest" aria-labelledby="kb-suggest-title" aria-live="polite">
      {items.length ? (
        <>
          <h2 id="kb-suggest-title">{t("suggest.title")}</h2>
          <p className="field-hint">{t("suggest.lead")}</p>
          <ul className="kb-suggest-list">
            {items.map((a) => (
              <li key={a.id}>
                <button type="submit" form={`kb-open-${a.id}`} className="link-button">
                  {pick(locale, a.title_en, a.title_zh)}
                  <span className="visually-hidden"> {t("suggest.opensInNewTab")}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <h2 id="kb-suggest-title" className="visually-hidden">
          {t("suggest.title")}
        </h2>
      )}
      {loading ? <p className="field-hint">{t("suggest.loading")}</p> : null}
      {!loading && checked && !items.length ? (
        <p className="field-hint">{t("suggest.none")}</p>
      ) : null}
    </section>
  );
}

/** One plain form per suggestion, outside the request form (forms cannot nest). */
export function SuggestionOpenForms({ items }: { items: Suggestion[] }) {
  return (
    <>
      {items.map((a) => (
        <form
          key={a.id}
          id={`kb-open-${a.id}`}
          method="post"
          action={`/help/${a.slug}`}
          target="_blank"
          hidden
        >
          <input type="hidden" name="intent" value="opened" />
        </form>
      ))}
    </>
  );
}
