import { RemixBrowser } from "@remix-run/react";
import type { i18n } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { createI18nWith, isLocale, type Locale } from "~/i18n/i18n";
import { I18nSourceProvider } from "~/i18n/instance";
import { RequestLocaleProvider } from "~/lib/root-data";

// The language the server rendered in (see RequestLocaleProvider): the same on hydration.
const lang: Locale = isLocale(document.documentElement.lang) ? document.documentElement.lang : "en";

// Only this language's strings are loaded (a chunk of its own, issue 18: page weight). The
// language switch reloads the document (shell.tsx); if the page's language changes any other
// way (the profile's language saved), root.tsx loads the page again in it.
const bundle = lang === "zh-CN" ? import("~/i18n/bundle.zh-CN") : import("~/i18n/bundle.en");

void bundle.then(({ default: strings }) => {
  const instance = createI18nWith(lang, { [lang]: strings });
  const source = (): i18n => instance;
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
