import { describe, expect, it } from "vitest";
import {
  clearCookie,
  clearSessionCookie,
  inquiryFlashCookie,
  isFlashCookie,
  keptCookie,
  localeCookie,
  onlyLanguageCookie,
  readCookies,
  readLocaleCookie,
  readSessionCookie,
  sessionCookie,
  toastCookie,
} from "./cookies.server";

const attributes = (line: string) =>
  new Map(
    line
      .split(";")
      .slice(1)
      .map((p) => {
        const [k = "", v = ""] = p.trim().split("=");
        return [k.toLowerCase(), v] as const;
      }),
  );

describe("cookies (PUBLIC_URL is http:// in tests: no Secure, no __Host- prefix)", () => {
  it("session: the token as is, HttpOnly, Lax, Path=/, absolute Expires; cleared with Max-Age=0", () => {
    const expiry = new Date("2026-03-31T08:00:00Z");
    const line = sessionCookie("c".repeat(32), expiry);
    expect(line).toMatch(/^session=c{32}; /);
    const a = attributes(line);
    expect(a.has("httponly")).toBe(true);
    expect(a.get("samesite")).toBe("Lax");
    expect(a.get("path")).toBe("/");
    expect(a.get("expires")).toBe(expiry.toUTCString());
    expect(a.has("secure")).toBe(false);
    expect(clearSessionCookie()).toMatch(/^session=; /);
    expect(attributes(clearSessionCookie()).get("max-age")).toBe("0");
    expect(readSessionCookie(`lang=en; session=${"d".repeat(32)}`)).toBe("d".repeat(32));
    expect(readSessionCookie("lang=en")).toBeNull();
    expect(readSessionCookie(null)).toBeNull();
  });

  it("lang: the locale as is (nginx keys on it), readable by scripts, a year", () => {
    const line = localeCookie("zh-CN");
    expect(line).toMatch(/^lang=zh-CN; /);
    const a = attributes(line);
    expect(a.has("httponly")).toBe(false);
    expect(a.get("max-age")).toBe("31536000");
    expect(a.get("path")).toBe("/");
    expect(a.get("samesite")).toBe("Lax");
    expect(readLocaleCookie("a=1; lang=en")).toBe("en");
  });

  it("flash and kept cookies are Remix cookies that read back what they wrote", async () => {
    const toast = { type: "success", key: "ns:toast.key", values: { email: "李@example.com" } };
    const toastLine = await toastCookie().serialize(toast);
    expect(toastLine).toMatch(/^toast=/);
    expect(attributes(toastLine).get("max-age")).toBe("60");
    expect(attributes(toastLine).has("httponly")).toBe(true);
    expect(await toastCookie().parse(toastLine.split(";")[0]!)).toEqual(toast);

    const flash = await inquiryFlashCookie().serialize("INQ-2026-00042");
    expect(attributes(flash).get("path")).toBe("/contact");
    expect(attributes(flash).get("max-age")).toBe("86400");
    expect(await inquiryFlashCookie().parse(flash.split(";")[0]!)).toBe("INQ-2026-00042");

    const kept = await keptCookie().serialize("k".repeat(32));
    expect(kept).toMatch(/^kept=/);
    expect(attributes(kept).get("max-age")).toBe("7200");
    expect(attributes(await clearCookie(keptCookie())).get("max-age")).toBe("0");

    expect(isFlashCookie(toastLine)).toBe(true);
    expect(isFlashCookie(flash)).toBe(true);
    expect(isFlashCookie(kept)).toBe(false);
    expect(isFlashCookie(sessionCookie("c".repeat(32), new Date()))).toBe(false);
  });

  it("a malformed Remix cookie reads as something the caller refuses, never a throw", async () => {
    expect(await toastCookie().parse("toast=%%%not-base64")).toEqual({});
    expect(await toastCookie().parse(null)).toBeNull();
  });

  it("the one parser: by name; only the language cookie counts as anonymous", () => {
    expect(readCookies("a=1; b=x%20y")).toEqual({ a: "1", b: "x y" });
    expect(readCookies(undefined)).toEqual({});
    expect(onlyLanguageCookie(undefined)).toBe(true);
    expect(onlyLanguageCookie("")).toBe(true);
    expect(onlyLanguageCookie("lang=zh-CN")).toBe(true);
    expect(onlyLanguageCookie("session=abc")).toBe(false);
    expect(onlyLanguageCookie("lang=en; toast=xyz")).toBe(false);
  });
});
