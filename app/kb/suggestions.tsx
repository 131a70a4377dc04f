/**
 * Suggested help articles on the new-request page (ADR 0030). Without JavaScript the request
 * form's "Check for answers" button posts the form (everything typed comes back); with it,
 * typing the subject asks /requests/suggest after a pause. Each suggestion opens in a new tab
 * through a small form outside the request form (`form=` attribute), which counts the open.
 */
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

/**
 * The suggestions shown: the last no-JS check, then what the debounced lookups answer.
 *
 * The lookup is a plain `fetch` to the resource route, not a router fetcher: a fetcher's POST
 * revalidates the page when it answers, and one that answered while the request form's own
 * submission was redirecting raced the navigation to the new request (React Router aborted the
 * route discovery of the redirect target and left a blank page: CI). A lookup in flight is
 * aborted by the next one, by the form's submit and when the page goes.
 */
export function useSuggestions(initial: SuggestReply | null, typeId: string) {
  const [reply, setReply] = useState<SuggestReply | null>(initial);
  const [loading, setLoading] = useState(false);
  const [checked, setChecked] = useState(!!initial);
  const seen = useRef<string[]>(initial?.seen ?? []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const last = useRef("");
  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    inFlight.current?.abort();
    inFlight.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  const lookUp = useCallback(
    async (subject: string) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setChecked(true);
      setLoading(true);
      try {
        const res = await fetch("/requests/suggest", {
          method: "POST",
          body: new URLSearchParams({ subject, typeId, seen: seen.current.join(",") }),
          signal: controller.signal,
        });
        const next = res.ok ? ((await res.json()) as SuggestReply) : null;
        if (controller.signal.aborted) return;
        if (next) {
          seen.current = next.seen;
          setReply(next);
        }
      } catch {
        // Aborted, or the network went: the form works without suggestions.
      } finally {
        if (inFlight.current === controller) {
          inFlight.current = null;
          setLoading(false);
        }
      }
    },
    [typeId],
  );
  const onSubject = useCallback(
    (value: string) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const subject = value.trim();
        if (subject === last.current) return;
        last.current = subject;
        if (subject.length < 3) return;
        void lookUp(subject);
      }, DEBOUNCE_MS);
    },
    [lookUp],
  );
  return {
    items: reply?.items ?? [],
    loading,
    checked,
    onSubject,
    /** The form is being sent: no lookup may answer into a page that is leaving. */
    onSubmit: stop,
  };
}

/**
 * A subject typed before the page's scripts ran (a slow phone, a fast typist) gets its
 * suggestions once they run, as if it had just been typed.
 */
export function useSuggestOnHydrate(formId: string, onSubject: (value: string) => void) {
  useEffect(() => {
    const form = document.getElementById(formId);
    const field = form instanceof HTMLFormElement ? form.elements.namedItem("subject") : null;
    if (field instanceof HTMLInputElement && field.value.trim()) onSubject(field.value);
    // Once, on hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
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
