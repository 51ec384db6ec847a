import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * Hostile uploads made on the fly: zip bombs dressed as workbooks and a
 * decompression-bomb PNG. Nothing here is stored in the repository; a bomb of
 * hundreds of MB of XML deflates to a couple of MB in a second or two.
 */

type Entry = { name: string; data: Buffer; crc: number; size: number; declaredSize?: number };

async function deflateRepeated(
  head: string,
  chunk: string,
  times: number,
  tail: string,
): Promise<{ data: Buffer; crc: number; size: number }> {
  const piece = Buffer.from(chunk);
  let crc = 0;
  let size = 0;
  function* parts() {
    yield Buffer.from(head);
    // Batches of chunks keep the generator cheap without building the whole XML in memory.
    const batch = Buffer.concat(Array.from({ length: 1024 }, () => piece));
    let left = times;
    while (left > 0) {
      const n = Math.min(left, 1024);
      yield n === 1024 ? batch : batch.subarray(0, n * piece.length);
      left -= n;
    }
    yield Buffer.from(tail);
  }
  const counted = Readable.from(
    (function* () {
      for (const p of parts()) {
        crc = zlib.crc32(p, crc);
        size += p.length;
        yield p;
      }
    })(),
  );
  const out: Buffer[] = [];
  for await (const b of counted.pipe(zlib.createDeflateRaw({ level: 9 }))) out.push(b as Buffer);
  return { data: Buffer.concat(out), crc, size };
}

function small(name: string, text: string): Entry {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
}

/** A zip container written by hand, so a test can make the central directory say what it likes. */
export function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const declared = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const inline = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;

/**
 * A workbook whose one sheet has the given header row followed by `rows` copies
 * of `row` (inline strings, no shared strings). With `lie`, the central directory
 * claims the sheet is 1 MB, as a hand-made bomb would to pass a size check.
 */
export async function xlsxBomb(opts: {
  headers: readonly string[];
  rows: number;
  row?: string[];
  lie?: boolean;
}): Promise<Buffer> {
  const rowXml = `<row>${(opts.row ?? []).map(inline).join('') || '<c/><c/><c/><c/><c/><c/><c/>'}</row>`;
  const sheet = await deflateRepeated(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>${opts.headers.map(inline).join('')}</row>`,
    rowXml,
    opts.rows,
    '</sheetData></worksheet>',
  );
  return zip([
    small(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    small(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    small(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    small(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', ...sheet, declaredSize: opts.lie ? 1024 * 1024 : undefined },
  ]);
}

/** A valid PNG header and image data of the given size, all black: a few KB that decode to width × height pixels. */
export function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1;
  ihdr[9] = 0; // 1-bit greyscale: the smallest raw image per pixel
  const raw = Buffer.alloc((Math.ceil(width / 8) + 1) * height); // every row: filter 0, then zero bits
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
