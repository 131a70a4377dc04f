/**
 * Dates are typed year-month-day in `DateInput` (app/components/forms.tsx, issue 18): a native
 * `<input type="date">` shows `mm/dd/yyyy` to an English browser. Only DateInput's own hidden
 * picker may be one.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

describe("date fields", () => {
  it("no page uses the browser's native date input (DateInput or Field type=date instead)", () => {
    const root = path.resolve(__dirname, "../../app");
    const offenders = files(root)
      .filter((f) => !f.endsWith(path.join("components", "forms.tsx")))
      .flatMap((f) =>
        [...fs.readFileSync(f, "utf8").matchAll(/<input\b[^>]*\btype=["{]?["']?date["']/g)].map(
          (m) => `${path.relative(root, f)}: ${m[0].slice(0, 80)}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});
