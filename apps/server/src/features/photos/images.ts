import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../errors.ts';

/** What the photo of a contact or the logo of an account may be, from ONLYOFFICE: fits 200x300, file at most 1 MB. */
export const PHOTO_BOX = { width: 200, height: 300 };
const MAX_INPUT_PIXELS = 40_000_000;
const accepted = new Set(['jpeg', 'png', 'webp', 'gif']);

/** Content sniffing: the first bytes decide what a file is, never its name or declared type. */
export function sniffImageType(buf: Buffer): 'jpeg' | 'png' | 'webp' | 'gif' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1'))) return 'gif';
  return null;
}

const notAnImage = () => new AppError('invalid_image', 'The file is not a JPEG, PNG, WebP or GIF image, or it is damaged.');

/**
 * Checks and scales an uploaded image. Dimensions are read from the header before any decoding, so a small file
 * that would decode to a huge bitmap (a decompression bomb) is refused without being decoded.
 */
export async function processPhoto(input: Buffer): Promise<{ content: Buffer; mime: string; width: number; height: number }> {
  const type = sniffImageType(input);
  if (!type) throw notAnImage();
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw notAnImage();
  }
  if (!meta.format || !accepted.has(meta.format) || !meta.width || !meta.height) throw notAnImage();
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw new AppError('invalid_image', `The image is ${meta.width}x${meta.height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted.`);
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      .rotate()
      .resize({ ...PHOTO_BOX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { content: data, mime: 'image/webp', width: info.width, height: info.height };
  } catch {
    throw notAnImage();
  }
}
