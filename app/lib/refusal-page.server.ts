/**
 * Short, styled pages for the refusals the server makes before the app runs (a malformed Host,
 * a cross-site form, a body without length, too large or of another type): the reader's
 * language from the language cookie or Accept-Language, no stack, no script, a few hundred
 * bytes, answered in well under a millisecond. server.js calls it through the server build and
 * sends it with its usual security headers; the style carries that response's CSP nonce.
 */
import { i18nFor } from "~/i18n/i18n.server";
import { detectLocale } from "~/i18n/locale.server";

export type RefusalKind =
  | "badRequest"
  | "localOnly"
  | "crossSite"
  | "lengthRequired"
  | "tooLarge"
  | "unsupported"
  | "serverError";

const STATUS: Record<RefusalKind, number> = {
  badRequest: 400,
  localOnly: 400,
  crossSite: 403,
  lengthRequired: 411,
  tooLarge: 413,
  unsupported: 415,
  serverError: 500,
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The page for one refusal; `headers` are the request's (only Cookie and Accept-Language are read). */
export function refusalPage(
  kind: RefusalKind,
  headers: { cookie?: string | string[]; "accept-language"?: string | string[] },
  options: { nonce: string; limitBytes?: number },
): Refusal {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  const locale = detectLocale({
    headers: {
      get: (name: string) =>
        one(name.toLowerCase() === "cookie" ? headers.cookie : headers["accept-language"]),
    },
  } as unknown as Request);
  const t = i18nFor(locale).getFixedT(locale, "common");
  const title = kind === "serverError" ? t("errors.serverTitle") : t(`refusals.${kind}Title`);
  const text =
    kind === "serverError"
      ? t("errors.serverBody")
      : t(`refusals.${kind}Body`, { limit: megabytes(options.limitBytes ?? 0) });
  const nonce = escape(options.nonce);
  const body = `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style nonce="${nonce}">body{font:16px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;color:#1b2a22;background:#f6f8f5;margin:0}main{max-width:34rem;margin:12vh auto;padding:1.5rem 2rem;background:#fff;border-top:4px solid #2f6b4f;border-radius:6px}h1{font-size:1.4rem;margin:0 0 .75rem}a{color:#2f6b4f}</style></head>
<body><main><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/">${escape(t("refusals.back"))}</a></p></main></body></html>
`;
  return {
    status: STATUS[kind],
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "Cache-Control": "no-store",
      "Content-Language": locale,
      Vary: "Accept-Language, Cookie",
    },
    body,
  };
}
