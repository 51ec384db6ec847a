// The workbook reader's worker thread. Plain JavaScript with no TypeScript
// imports, so it loads the same under tsx, vitest and node. It inflates only
// the parts it needs, counts every byte it inflates, and stops reading the
// sheet once it has one row more than the caller takes.
import { StringDecoder } from 'node:string_decoder';
import { parentPort, workerData } from 'node:worker_threads';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { cellText, isDateFormat, isDateFormatId, ooxmlText } from './cell-text.mjs';

class Refusal extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

const { bytes, maxRows, maxColumns, maxUncompressedBytes } = workerData;
let inflated = 0;

const local = (name) => name.slice(name.indexOf(':') + 1);
const attr = (attrs, name) => {
  for (const [k, v] of Object.entries(attrs)) if (local(k) === name) return v;
  return undefined;
};

function openZip() {
  return new Promise((resolve, reject) => {
    // validateEntrySizes: a part that inflates to more than its central directory said is an error, not more data.
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => {
        if (err) return reject(new Refusal('unreadable'));
        const entries = new Map();
        zip.on('entry', (e) => {
          entries.set(e.fileName.replace(/^\/+/, '').toLowerCase(), e);
          zip.readEntry();
        });
        zip.on('end', () => resolve({ zip, entries }));
        zip.on('error', () => reject(new Refusal('unreadable')));
        zip.readEntry();
      },
    );
  });
}

/** Streams one part through a SAX parser; a handler calls stop() to end the read early. */
function parsePart({ zip, entries }, name, on) {
  const entry = entries.get(name.toLowerCase());
  if (!entry) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(new Refusal('unreadable'));
      const parser = new SaxesParser();
      const decoder = new StringDecoder('utf8');
      let done = false;
      const finish = (error) => {
        if (done) return;
        done = true;
        stream.destroy();
        if (error) reject(error);
        else resolve(true);
      };
      const stop = () => finish();
      parser.on('error', () => {
        throw new Refusal('unreadable');
      });
      if (on.open) parser.on('opentag', (tag) => on.open(local(tag.name), tag.attributes, stop));
      if (on.close) parser.on('closetag', (tag) => on.close(local(tag.name), stop));
      if (on.text) parser.on('text', (t) => on.text(t));
      if (on.text) parser.on('cdata', (t) => on.text(t));
      stream.on('data', (chunk) => {
        if (done) return;
        inflated += chunk.length;
        if (inflated > maxUncompressedBytes) return finish(new Refusal('too_big'));
        try {
          parser.write(decoder.write(chunk));
        } catch (e) {
          finish(e instanceof Refusal ? e : new Refusal('unreadable'));
        }
      });
      stream.on('end', () => {
        if (done) return;
        try {
          parser.write(decoder.end());
          parser.close();
          finish();
        } catch (e) {
          finish(e instanceof Refusal ? e : new Refusal('unreadable'));
        }
      });
      // yauzl reports a part larger than declared, a bad CRC or broken deflate data here.
      stream.on('error', (e) =>
        finish(new Refusal(/too many bytes|exceed/i.test(String(e?.message)) ? 'too_big' : 'unreadable')),
      );
    });
  });
}

const dirOf = (p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');
function resolvePath(base, target) {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (dirOf(base) + target).split('/');
  const out = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}
const relsOf = (part) => `${dirOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

async function relationships(zip, part) {
  const rels = [];
  await parsePart(zip, relsOf(part), {
    open: (name, a) => {
      if (name === 'Relationship' && a.Target && a.TargetMode !== 'External')
        rels.push({ id: a.Id, type: a.Type ?? '', target: resolvePath(part, a.Target) });
    },
  });
  return rels;
}

/** Text of <t> runs inside an <si> or <is>, the phonetic guide (<rPh>) left out. */
function stringCollector(onString) {
  let inString = 0;
  let inRun = false;
  let inPhonetic = false;
  let text = '';
  return {
    open: (name) => {
      if (name === 'si' || name === 'is') {
        inString += 1;
        text = '';
      } else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inString && !inPhonetic) inRun = true;
    },
    close: (name) => {
      if (name === 't') inRun = false;
      else if (name === 'rPh') inPhonetic = false;
      else if ((name === 'si' || name === 'is') && inString) {
        inString -= 1;
        onString(ooxmlText(text));
      }
    },
    text: (t) => {
      if (inRun) text += t;
    },
  };
}

const columnOf = (ref) => {
  const letters = /^[A-Za-z]+/.exec(ref ?? '')?.[0];
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
};

async function read() {
  const zip = await openZip();
  if (!zip.entries.has('[content_types].xml')) throw new Refusal('unreadable');
  const rootRels = await relationships(zip, '');
  const workbookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';

  let firstSheetId = null;
  let date1904 = false;
  const found = await parsePart(zip, workbookPart, {
    open: (name, a, stop) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && firstSheetId === null) {
        firstSheetId = attr(a, 'id') ?? '';
        stop();
      }
    },
  });
  if (!found || firstSheetId === null) throw new Refusal('unreadable');
  const rels = await relationships(zip, workbookPart);
  const sheetPart = rels.find((r) => r.id === firstSheetId)?.target;
  if (!sheetPart) throw new Refusal('unreadable');

  // Which cell styles show dates.
  const customFormats = new Map();
  const dateStyles = [];
  let inCellXfs = false;
  await parsePart(zip, rels.find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml', {
    open: (name, a) => {
      if (name === 'numFmt') customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        dateStyles.push(customFormats.has(id) ? isDateFormat(customFormats.get(id)) : isDateFormatId(id));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });

  const shared = [];
  const sharedPart = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  if (sharedPart)
    await parsePart(
      zip,
      sharedPart,
      stringCollector((s) => shared.push(s)),
    );

  const rows = [];
  let truncated = false;
  let rowNumber = 0;
  let cells = null;
  let col = -1;
  let cell = null;
  let inValue = false;
  let value = '';
  const inline = stringCollector((s) => {
    if (cell) cell.inline = s;
  });
  await parsePart(zip, sheetPart, {
    open: (name, a) => {
      if (truncated) return;
      if (name === 'row') {
        rowNumber = a.r ? Number(a.r) : rowNumber + 1;
        cells = [];
        col = -1;
      } else if (name === 'c' && cells) {
        col = columnOf(a.r) ?? col + 1;
        cell = { type: a.t ?? null, style: a.s ? Number(a.s) : 0, value: null, inline: null };
      } else if (name === 'v' && cell) {
        inValue = true;
        value = '';
      } else if (cell) inline.open(name);
    },
    close: (name, stop) => {
      if (truncated) return;
      if (name === 'v' && cell) {
        cell.value = value;
        inValue = false;
      } else if (name === 'c' && cell && cells) {
        if (col < maxColumns)
          cells[col] = cellText({
            type: cell.type,
            value: cell.value,
            inline: cell.inline,
            date: dateStyles[cell.style] === true,
            date1904,
            shared,
          });
        cell = null;
      } else if (name === 'row' && cells) {
        const dense = Array.from({ length: Math.min(maxColumns, cells.length) }, (_, i) => cells[i] ?? '');
        if (dense.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells: dense });
        cells = null;
        if (rows.length > maxRows) {
          truncated = true;
          stop();
        }
      } else if (cell) inline.close(name);
    },
    text: (t) => {
      if (inValue) value += t;
      else if (cell) inline.text(t);
    },
  });
  return { rows, truncated };
}

read().then(
  (result) => parentPort.postMessage({ ok: true, ...result }),
  (err) =>
    parentPort.postMessage({
      ok: false,
      reason: err instanceof Refusal ? err.reason : 'unreadable',
      detail: String(err?.message ?? err),
    }),
);
