import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadStrings, type I18nSource, type StringsScope } from "~/i18n/client-strings";
import { createI18nWith, isLocale, type Locale } from "~/i18n/i18n";
import { I18nSourceProvider } from "~/i18n/instance";
import { RequestLocaleProvider } from "~/lib/root-data";

// The language the server rendered in (see RequestLocaleProvider): the same on hydration.
const root = document.documentElement;
const lang: Locale = isLocale(root.lang) ? root.lang : "en";
// The namespaces the page needs (root.tsx: all of them when someone is signed in).
const scope: StringsScope = root.dataset.strings === "all" ? "all" : "public";

// Only this language's strings, and a visitor only the public namespaces (issue 18: page
// weight), loaded before hydrating. The language switch reloads the document (shell.tsx), and
// so does a change of language or scope any other way (root.tsx).
void loadStrings(lang, scope).then((strings) => {
  // A key of a namespace this page did not load (one left out of the public scope) is an
  // error the axe sweep and the e2e console checks report. A key missing from a loaded
  // namespace is missing on the server too: the page shows the same either way.
  const instance = createI18nWith(
    lang,
    { [lang]: strings } as Parameters<typeof createI18nWith>[1],
    (namespaces, key) => {
      const absent = namespaces.filter((ns) => !(ns in strings));
      if (absent.length)
        console.error(`i18n: missing ${absent.join(",")}:${key} (${lang}, ${scope})`);
    },
  );
  const source: I18nSource = { instance: () => instance, scope };
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
