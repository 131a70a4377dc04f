import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  getStoredFile,
  imageSize,
  IMAGE_TYPES,
  sniffContentType,
  storeUpload,
} from "./uploads.server";

// A 3 x 2 PNG (header and IHDR are enough for sniffing and size).
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3,
  0, 0, 0, 2, 8, 2, 0, 0, 0, 0, 0, 0, 0,
]);
const GIF = Uint8Array.from([...Buffer.from("GIF89a"), 5, 0, 7, 0, 0, 0, 0]);
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 1, 1, 0x11, 0, 0, 0, 0,
]);

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("upload store", () => {
  it("sniffs types from bytes, not names", () => {
    expect(sniffContentType(PNG)).toBe("image/png");
    expect(sniffContentType(GIF)).toBe("image/gif");
    expect(sniffContentType(JPEG)).toBe("image/jpeg");
    expect(sniffContentType(Buffer.from("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffContentType(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
    expect(imageSize(PNG, "image/png")).toEqual({ width: 3, height: 2 });
    expect(imageSize(GIF, "image/gif")).toEqual({ width: 5, height: 7 });
    expect(imageSize(JPEG, "image/jpeg")).toEqual({ width: 30, height: 20 });
  });

  it("stores allowed files with size and hash, refuses the rest", async () => {
    const ok = await storeUpload(t.db, {
      bytes: PNG,
      filename: "../../etc/cover.png",
      declaredType: "image/png",
      allowedTypes: IMAGE_TYPES,
      maxBytes: 1000,
      uploadedBy: null,
    });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.file).toMatchObject({
      filename: "cover.png",
      contentType: "image/png",
      sizeBytes: PNG.length,
      width: 3,
      height: 2,
    });
    const back = await getStoredFile(t.db, ok.file.id);
    expect(Buffer.from(back!.bytes).equals(Buffer.from(PNG))).toBe(true);
    const html = Buffer.from("<svg onload=alert(1)>");
    expect(
      await storeUpload(t.db, {
        bytes: html,
        filename: "x.png",
        declaredType: "image/png",
        allowedTypes: IMAGE_TYPES,
        maxBytes: 1000,
        uploadedBy: null,
      }),
    ).toEqual({ ok: false, error: "type" });
    expect(
      await storeUpload(t.db, {
        bytes: PNG,
        filename: "x.png",
        allowedTypes: IMAGE_TYPES,
        maxBytes: 10,
        uploadedBy: null,
      }),
    ).toEqual({ ok: false, error: "tooLarge" });
    expect(
      await storeUpload(t.db, {
        bytes: new Uint8Array(),
        filename: "x.png",
        allowedTypes: IMAGE_TYPES,
        maxBytes: 10,
        uploadedBy: null,
      }),
    ).toEqual({ ok: false, error: "empty" });
    expect(await getStoredFile(t.db, "not-a-uuid")).toBeUndefined();
  });
});
