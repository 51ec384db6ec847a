import sharp, { type Sharp } from 'sharp';

/**
 * sharp for an image a user sent. A PNG or JPEG of a few KB can declare
 * hundreds of megapixels and decode to gigabytes, and sharp's own default
 * limit (268 MP) is far above any photo we take; so the header is read first
 * (cheap, nothing decoded) and decoding is limited to `maxPixels` as well.
 */
export async function untrustedImage(data: Buffer, maxPixels: number): Promise<Sharp | 'too_large' | 'broken'> {
  // The header only: metadata() decodes no pixels, so no limit is needed to read it.
  const meta = await sharp(data, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height) return 'broken';
  if (meta.width * meta.height > maxPixels) return 'too_large';
  return sharp(data, { failOn: 'truncated', limitInputPixels: maxPixels });
}

/** "6000 万像素", for the message that refuses a larger one. */
export const pixelsLabel = (pixels: number) => `${Math.round(pixels / 10_000)} 万像素`;
