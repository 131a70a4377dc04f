import { describe, expect, it } from "vitest";
import { BOM, csvDownload, csvField, recordsToCsv, toCsv } from "./csv";

describe("csv", () => {
  it("quotes every field and doubles quotes (RFC 4180), CRLF line ends", () => {
    expect(toCsv(["a", "b"], [['say "hi"', "x,y\r\nz"]])).toBe(
      '"a","b"\r\n"say ""hi""","x,y\r\nz"\r\n',
    );
    expect(csvField(null)).toBe('""');
    expect(csvField(undefined)).toBe('""');
    expect(csvField(new Date("2026-03-01T08:00:00Z"))).toBe('"2026-03-01T08:00:00.000Z"');
    expect(csvField(true)).toBe('"true"');
    expect(csvField(12n)).toBe('"12"');
  });

  it("neutralises text that starts like a formula, not numbers", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvField(`${start}1+1`)).toBe(`"'${start}1+1"`);
    }
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField(-3)).toBe('"-3"');
    expect(csvField("a=b")).toBe('"a=b"');
    expect(csvField("李雷")).toBe('"李雷"');
  });

  it("writes records by the first one's keys; none is empty text", () => {
    expect(recordsToCsv([{ a: "=HYPERLINK(1)", b: 'say "hi"' }])).toBe(
      '"a","b"\r\n"\'=HYPERLINK(1)","say ""hi"""\r\n',
    );
    expect(recordsToCsv([])).toBe("");
  });

  it("downloads as UTF-8 with a BOM, private and not sniffed", async () => {
    const response = csvDownload(toCsv(["名称"], [["紫竹"]]), "report 2026/03.csv");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="report_2026_03.csv"',
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(
      `${BOM}"名称"\r\n"紫竹"\r\n`,
    );
  });
});
