/**
 * News cover images at the sizes the pages show (issue 18, ADR 0051), made once when staff
 * upload a cover: the cover (at most 1600 px wide, never enlarged) and a 640x360 thumbnail cut
 * to 16:9 around the image's centre, both WebP. sharp (libvips) does the work: it reads PNG,
 * JPEG, WebP and GIF (the first frame), turns the image upright by its EXIF orientation and
 * writes no metadata, so a phone photo's location does not reach the site.
 */
import sharp from "sharp";

export const COVER_MAX_WIDTH = 1600;
export const THUMB_WIDTH = 640;
export const THUMB_HEIGHT = 360;
/** Refuse images larger than this many pixels before decoding them (a "decompression bomb"). */
const MAX_INPUT_PIXELS = 40_000_000;

export interface CoverVariants {
  cover: Uint8Array;
  thumb: Uint8Array;
}

/** The cover and its thumbnail as WebP, or null when the bytes are not a readable image. */
export async function coverVariants(bytes: Uint8Array): Promise<CoverVariants | null> {
  try {
    // Decoded and scaled once: both sizes come from the same pixels (the thumbnail from the
    // cover's, at most 1600 px wide), not from decoding the upload twice.
    const scaled = await sharp(bytes, {
      limitInputPixels: MAX_INPUT_PIXELS,
      animated: false,
      failOn: "error",
    })
      .rotate()
      .flatten({ background: "#ffffff" })
      .resize({ width: COVER_MAX_WIDTH, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = scaled.info;
    const pixels = () => sharp(scaled.data, { raw: { width, height, channels } });
    const cover = await pixels().webp({ quality: 80 }).toBuffer();
    const thumb = await pixels()
      .resize({ width: THUMB_WIDTH, height: THUMB_HEIGHT, fit: "cover", position: "centre" })
      .webp({ quality: 75 })
      .toBuffer();
    return { cover: new Uint8Array(cover), thumb: new Uint8Array(thumb) };
  } catch {
    return null;
  }
}
