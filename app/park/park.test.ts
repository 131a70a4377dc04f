import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertStaff } from "../../tests/support/factories";
import type { NewsActor } from "~/news/news.server";
import { Forbidden } from "~/lib/result";
import { listSpaces, MAX_SPACE_PHOTO_BYTES, saveSpace, setSpacePhoto } from "./park.server";

// A 3 x 2 PNG (header and IHDR are enough for sniffing and size).
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3,
  0, 0, 0, 2, 8, 2, 0, 0, 0, 0, 0, 0, 0,
]);

let t: TestDatabase;
let staff: NewsActor;
let member: NewsActor;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db);
  member = await insertCompanyMember(t.db);
});
afterAll(() => t.close());

describe("space photos", () => {
  it("stores an image checked by its bytes with its size, refuses the rest, staff only", async () => {
    await saveSpace(t.db, staff, {
      kind: "lab",
      nameEn: "Wet lab suite",
      nameZh: "湿实验室套间",
      descriptionEn: "",
      descriptionZh: "",
      availability: "limited",
      position: 1,
    });
    const space = (await listSpaces(t.db)).find((s) => s.name_en === "Wet lab suite")!;
    const alt = { en: "A lab bench", zh: "实验台" };

    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect(
      await setSpacePhoto(
        t.db,
        staff,
        space.id,
        {
          bytes: html,
          filename: "photo.png",
          declaredType: "image/png",
        },
        alt,
      ),
    ).toEqual({ ok: false, error: "type" });
    const big = new Uint8Array(MAX_SPACE_PHOTO_BYTES + 1);
    big.set(PNG);
    expect(
      await setSpacePhoto(t.db, staff, space.id, { bytes: big, filename: "big.png" }, alt),
    ).toEqual({ ok: false, error: "tooLarge" });
    expect(
      await setSpacePhoto(t.db, staff, crypto.randomUUID(), { bytes: PNG, filename: "a.png" }, alt),
    ).toEqual({ ok: false, error: "notFound" });
    await expect(
      setSpacePhoto(t.db, member, space.id, { bytes: PNG, filename: "a.png" }, alt),
    ).rejects.toBeInstanceOf(Forbidden);
    expect((await listSpaces(t.db)).find((s) => s.id === space.id)!.photo_file_id).toBeNull();

    expect(
      await setSpacePhoto(t.db, staff, space.id, { bytes: PNG, filename: "lab.png" }, alt),
    ).toEqual({ ok: true });
    const after = (await listSpaces(t.db)).find((s) => s.id === space.id)!;
    expect([after.photo_width, after.photo_height, after.photo_alt_en, after.photo_alt_zh]).toEqual(
      [3, 2, "A lab bench", "实验台"],
    );
    const file = await t.db
      .selectFrom("stored_file")
      .select(["content_type", "context", "owner_id"])
      .where("id", "=", after.photo_file_id!)
      .executeTakeFirstOrThrow();
    expect(file).toEqual({ content_type: "image/png", context: "park-space", owner_id: space.id });
  });
});
