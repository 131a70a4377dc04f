import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imageSize } from "~/uploads/uploads.server";
import { coverVariants, THUMB_HEIGHT, THUMB_WIDTH } from "./cover-image.server";
import { drawCover } from "#db/seed/demo-covers.server";

describe("coverVariants", () => {
  it("makes a cover at most 1600 px wide and a 640x360 thumbnail, both WebP", async () => {
    const png = await sharp(Buffer.from(drawCover("rank", "x")))
      .resize(2400)
      .png()
      .toBuffer();
    const v = (await coverVariants(new Uint8Array(png)))!;
    expect(imageSize(v.cover, "image/webp")).toEqual({ width: 1600, height: 900 });
    expect(imageSize(v.thumb, "image/webp")).toEqual({ width: THUMB_WIDTH, height: THUMB_HEIGHT });
  });

  it("never enlarges a small image and crops the thumbnail to 16:9", async () => {
    const jpeg = await sharp({
      create: { width: 400, height: 400, channels: 3, background: "#0f4c5c" },
    })
      .jpeg()
      .toBuffer();
    const v = (await coverVariants(new Uint8Array(jpeg)))!;
    expect(imageSize(v.cover, "image/webp")).toEqual({ width: 400, height: 400 });
    expect(imageSize(v.thumb, "image/webp")).toEqual({ width: 640, height: 360 });
  });

  it("refuses bytes that are not a readable image", async () => {
    const fake = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await coverVariants(fake)).toBeNull();
  });
});
