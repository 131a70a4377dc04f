import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import {
  loadStrings,
  namespacesOf,
  parseStrings,
  type ClientNamespace,
  type I18nSource,
} from "~/i18n/client-strings";
import { createI18nWith, isLocale, type Locale } from "~/i18n/i18n";
import { I18nSourceProvider } from "~/i18n/instance";
import { RequestLocaleProvider } from "~/lib/root-data";

// The language the server rendered in (see RequestLocaleProvider): the same on hydration.
const root = document.documentElement;
const lang: Locale = isLocale(root.lang) ? root.lang : "en";
// The namespaces the page needs (root.tsx: its routes' `handle.i18n` for a visitor, all of
// them when someone is signed in; ADR 0057).
const first = namespacesOf(parseStrings(root.dataset.strings));

// Only this language's strings, and only the namespaces this page needs (issue 18: page
// weight), loaded before hydrating. A page reached later by a client-side navigation loads
// what it lacks through `ensure` (root.tsx suspends on it). The language switch reloads the
// document (shell.tsx), and so does a change of language any other way (root.tsx).
void loadStrings(lang, first).then((strings) => {
  // A key of a namespace this page did not load (one its route did not declare) is an error
  // the axe sweep and the e2e console checks report. A key missing from a loaded namespace is
  // missing on the server too: the page shows the same either way.
  const instance = createI18nWith(
    lang,
    { [lang]: strings } as Parameters<typeof createI18nWith>[1],
    (namespaces, key) => {
      const absent = namespaces.filter((ns) => !instance.hasResourceBundle(lang, ns));
      if (absent.length) console.error(`i18n: missing ${absent.join(",")}:${key} (${lang})`);
    },
  );
  const pending = new Map<string, Promise<void>>();
  const ensure = (names: readonly ClientNamespace[]) => {
    const missing = names.filter((ns) => !instance.hasResourceBundle(lang, ns));
    if (!missing.length) return null;
    const key = missing.join(" ");
    let loading = pending.get(key);
    if (!loading) {
      loading = loadStrings(lang, missing).then((more) => {
        for (const [ns, bundle] of Object.entries(more))
          instance.addResourceBundle(lang, ns, bundle, true, false);
        pending.delete(key);
      });
      pending.set(key, loading);
    }
    return loading;
  };
  const source: I18nSource = { instance: () => instance, ensure };
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RequestLocaleProvider value={lang}>
          <I18nSourceProvider value={source}>
            <RemixBrowser />
          </I18nSourceProvider>
        </RequestLocaleProvider>
      </StrictMode>,
    );
  });
});
