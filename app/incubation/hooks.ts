import { pick } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/format";
import { useLocale } from "~/lib/root-data";

/**
 * Small hooks of the incubation pages, apart from ui.tsx so that a page that needs only
 * these (the public programmes list) does not load the form components (page weight).
 */

/** Formats a time in the park's time zone and the reader's language. */
export function useParkTime() {
  const locale = useLocale();
  return (d: Date | string) => formatDateTime(d, locale);
}

/** Picks the English or Chinese of a pair by the reader's language. */
export function usePick() {
  const locale = useLocale();
  return (en: string | null | undefined, zh: string | null | undefined) => pick(locale, en, zh);
}
