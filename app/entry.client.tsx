import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale } from "~/i18n/i18n";
import { RequestLocaleProvider } from "~/lib/root-data";

// The language the server rendered in (see RequestLocaleProvider): the same on hydration.
const lang = document.documentElement.lang;

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestLocaleProvider value={isLocale(lang) ? lang : "en"}>
        <RemixBrowser />
      </RequestLocaleProvider>
    </StrictMode>,
  );
});
