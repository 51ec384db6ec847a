export type DetectedType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The type by content (magic bytes), never by file name or the browser's claim. */
export function detectFileType(data: Buffer): DetectedType | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => data[i] === b)) return 'image/png';
  return null;
}

/** A PDF ends with %%EOF (possibly followed by whitespace); a cut-off upload does not. */
export function pdfLooksComplete(data: Buffer): boolean {
  return data
    .subarray(Math.max(0, data.length - 1024))
    .toString('latin1')
    .includes('%%EOF');
}
