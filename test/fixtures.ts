import sharp from 'sharp';

/** Small real files for upload tests, made on the fly. */
export async function jpeg(width = 400, height = 500): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 210, b: 230 } } }).jpeg().toBuffer();
}

export async function png(width = 300, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 60 } } }).png().toBuffer();
}

export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
}

/** A Windows executable header: what a renamed .exe looks like inside. */
export function exe(): Buffer {
  return Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512, 0x41)]);
}
