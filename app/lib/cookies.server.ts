/**
 * Every cookie the portal sets, in one place: its name, its attributes and how its value is
 * written and read. Nothing else in the app builds a `Set-Cookie` line or parses a `Cookie`
 * header.
 *
 * | cookie          | value                         | attributes                                         |
 * | --------------- | ----------------------------- | -------------------------------------------------- |
 * | `session`       | the session token, as is      | Path=/, HttpOnly, SameSite=Lax, Expires=absolute   |
 * | `lang`          | `en` or `zh-CN`, as is        | Path=/, SameSite=Lax, Max-Age=1 year               |
 * | `toast`         | Remix `createCookie` (JSON)   | Path=/, HttpOnly, SameSite=Lax, Max-Age=60         |
 * | `flash_inquiry` | Remix `createCookie` (JSON)   | Path=/contact, HttpOnly, SameSite=Lax, Max-Age=1 d |
 * | `kept`          | Remix `createCookie` (JSON)   | Path=/, HttpOnly, SameSite=Lax, Max-Age=2 h        |
 * | `kb_feedback`   | Remix `createCookie` (JSON)   | Path=/help, HttpOnly, SameSite=Lax, Max-Age=1 year |
 *
 * Served over HTTPS (`PUBLIC_URL` https, `isHttps()`), every cookie is `Secure`, and `session`
 * and `kept` are named `__Host-session` and `__Host-kept`.
 *
 * Cookies only the app reads are Remix cookies (`createCookie`, the framework's encoding).
 * `session` and `lang` carry their value as is, written and read with `cookie` (the library
 * under `createCookie`): their raw value is a contract with others — nginx keys its page cache
 * on `$cookie_lang` and lets through only `lang=<letters>` (deploy/nginx.conf), and a session
 * token is the 32 base32 letters whose hash is the session's id (ADR 0003). They are also read
 * synchronously on every request (the page cache layer, the refusal pages), which the Remix
 * cookie's asynchronous `parse` does not allow.
 */
import { createCookie, type Cookie, type CookieOptions } from "@remix-run/node";
import { parse, serialize } from "cookie";
import { isHttps } from "~/env.server";

/** How long a kept form (ADR 0019) and its key cookie live. */
export const KEPT_TTL_SECONDS = 2 * 60 * 60;

const base = (): CookieOptions => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: isHttps(),
});

// ------------------------------------------------------------------------- the one parser

/** The cookies of a `Cookie` header by name (the first of a repeated name wins). */
export function readCookies(header: string | null | undefined): Partial<Record<string, string>> {
  return header ? parse(header) : {};
}

/** True when the header carries no cookie other than the language choice (page cache). */
export function onlyLanguageCookie(header: string | null | undefined): boolean {
  for (const name of Object.keys(readCookies(header))) if (name !== "lang") return false;
  return true;
}

// ------------------------------------------------------------------------------ session

export function sessionCookieName(): string {
  return isHttps() ? "__Host-session" : "session";
}

/** The session token's cookie, expiring with the session's absolute lifetime. */
export function sessionCookie(token: string, absoluteExpiry: Date): string {
  return serialize(sessionCookieName(), token, { ...base(), expires: absoluteExpiry });
}

export function clearSessionCookie(): string {
  return serialize(sessionCookieName(), "", { ...base(), maxAge: 0 });
}

/** The raw session cookie value, or null (the caller checks its form). */
export function readSessionCookie(header: string | null | undefined): string | null {
  return readCookies(header)[sessionCookieName()] ?? null;
}

// ------------------------------------------------------------------------------ language

export const LOCALE_COOKIE = "lang";

export function localeCookie(locale: string): string {
  return serialize(LOCALE_COOKIE, locale, {
    ...base(),
    httpOnly: false,
    maxAge: 365 * 24 * 60 * 60,
  });
}

/** The raw language cookie value, or null (the caller checks it is a locale). */
export function readLocaleCookie(header: string | null | undefined): string | null {
  return readCookies(header)[LOCALE_COOKIE] ?? null;
}

// ------------------------------------------------------------------ Remix cookies (flash)

/** The toast after a redirect (app/lib/toast.server.ts). */
export function toastCookie(): Cookie {
  return createCookie("toast", { ...base(), maxAge: 60 });
}

/**
 * The reference of this browser's last inquiry, for /contact/thanks. Its path is "/contact":
 * "/contact/thanks" would not match the data request "/contact/thanks.data".
 */
export function inquiryFlashCookie(): Cookie {
  return createCookie("flash_inquiry", { ...base(), path: "/contact", maxAge: 24 * 60 * 60 });
}

/** The key of this browser's kept forms (ADR 0019). */
export function keptCookie(): Cookie {
  return createCookie(isHttps() ? "__Host-kept" : "kept", { ...base(), maxAge: KEPT_TTL_SECONDS });
}

/**
 * The help-centre answers this browser gave ("was this helpful", "this solved it"), as a list
 * of `v:<article id>` and `s:<article id>`, so each is counted once per browser without the
 * server storing anything about the visitor (ADR 0030).
 */
export function kbFeedbackCookie(): Cookie {
  return createCookie("kb_feedback", { ...base(), path: "/help", maxAge: 365 * 24 * 60 * 60 });
}

/** The flash cookies, which a replayed form answer may carry again (never a session). */
const FLASH = /^(toast|flash_inquiry)=/;

/** True for a `Set-Cookie` line of a flash cookie (`toast`, `flash_inquiry`). */
export function isFlashCookie(setCookie: string): boolean {
  return FLASH.test(setCookie);
}

/** The `Set-Cookie` line that removes a Remix cookie. */
export function clearCookie(cookie: Cookie): Promise<string> {
  return cookie.serialize("", { maxAge: 0 });
}
