import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
const FONT = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')),
  '400Regular',
  'NotoSansSC_400Regular.ttf',
);
const FONT_BOLD = path.join(path.dirname(FONT), '..', '700Bold', 'NotoSansSC_700Bold.ttf');
export const CERTIFICATE_FONT = FONT;

export type CertificatePrint = {
  kind: 'safety' | 'special';
  number: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  enterpriseName: string;
  categoryLabel: string;
  issuedOn: string;
  expiresOn: string;
  issuer: string;
  /** Anything but 有效 is printed across the page, so a reprint never passes for a valid certificate. */
  statusLabel: string;
  valid: boolean;
  photo: Buffer | null;
  verifyUrl: string;
  /** The national platform's QR code content (赋码), printed beside ours once assigned. */
  nationalQr: string | null;
};

const TITLES = { safety: '建筑施工企业安全生产管理人员考核合格证书', special: '建筑施工特种作业操作资格证书' } as const;
const CATEGORY_LABEL = { safety: '类\u3000\u3000别', special: '操作类别' } as const;
const cn = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;

function drawCertificate(doc: PDFKit.PDFDocument, c: CertificatePrint, qr: Buffer, nationalQr: Buffer | null): void {
  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .lineWidth(3)
    .rect(24, 24, W - 48, H - 48)
    .stroke('#8a1f1f');
  doc
    .lineWidth(1)
    .rect(32, 32, W - 64, H - 64)
    .stroke('#8a1f1f');
  doc
    .font('cn-bold')
    .fontSize(26)
    .fillColor('#8a1f1f')
    .text(TITLES[c.kind], 40, 64, { width: W - 80, align: 'center' });
  doc
    .font('cn')
    .fontSize(12)
    .fillColor('#333')
    .text(`证书编号：${c.number}`, 40, 108, { width: W - 80, align: 'center' });

  const top = 150;
  const photoX = 72;
  if (c.photo) doc.image(c.photo, photoX, top, { width: 110, height: 135 });
  else doc.lineWidth(1).rect(photoX, top, 110, 135).stroke('#888888');
  if (nationalQr) {
    // Two codes side by side under the photo: the province's verification page and the national platform's.
    for (const [image, x, caption] of [
      [qr, 48, '本省核验'],
      [nationalQr, 140, '全国平台核验'],
    ] as const) {
      doc.image(image, x, top + 160, { width: 84 });
      doc
        .font('cn')
        .fontSize(9)
        .fillColor('#555')
        .text(caption, x, top + 248, { width: 84, align: 'center' });
    }
  } else {
    doc.image(qr, photoX, top + 160, { width: 110 });
    doc
      .font('cn')
      .fontSize(9)
      .fillColor('#555')
      .text('扫码核验真伪', photoX, top + 274, { width: 110, align: 'center' });
  }

  const rows: [string, string][] = [
    ['姓\u3000\u3000名', c.name],
    ['性\u3000\u3000别', c.gender],
    ['出生日期', cn(c.birthDate)],
    ['身份证号', c.idNumber],
    ['企业名称', c.enterpriseName || '—'],
    [CATEGORY_LABEL[c.kind], c.categoryLabel],
    ['证书编号', c.number],
    ['发证日期', cn(c.issuedOn)],
    ['有效期至', cn(c.expiresOn)],
  ];
  const left = 230;
  const labelWidth = 100;
  const valueWidth = W - left - labelWidth - 72;
  let y = top;
  for (const [label, value] of rows) {
    doc.font('cn-bold').fontSize(13).fillColor('#000').text(label, left, y, { width: labelWidth });
    doc
      .font('cn')
      .fontSize(13)
      .text(value, left + labelWidth, y, { width: valueWidth });
    y += 30;
    doc
      .lineWidth(0.5)
      .moveTo(left + labelWidth, y - 8)
      .lineTo(left + labelWidth + valueWidth, y - 8)
      .stroke('#bbbbbb');
  }
  doc
    .font('cn-bold')
    .fontSize(14)
    .fillColor('#000')
    .text(`发证机关：${c.issuer}`, left, y + 24, { width: labelWidth + valueWidth, align: 'right' });
  drawSeal(doc, c.issuer, W - 72 - 70, y + 30);
  doc
    .font('cn')
    .fontSize(9)
    .fillColor('#666')
    .text('本证书信息以诚信平台人员库查询结果为准；扫描二维码可核验证书真伪及当前状态。', 40, H - 62, {
      width: W - 80,
      align: 'center',
    });
  if (!c.valid) {
    doc
      .save()
      .rotate(-20, { origin: [W / 2, H / 2] })
      .font('cn-bold')
      .fontSize(96)
      .fillColor('#d00000')
      .opacity(0.25)
      .text(c.statusLabel, 0, H / 2 - 60, { width: W, align: 'center' })
      .restore();
    doc.opacity(1);
  }
}

/**
 * The visible seal over the issuer's name: a red ring, the issuer along its upper
 * arc and a star in the middle. The PDF's digital signature (province-seal.ts) is
 * what proves it; the picture is what a reader expects to see.
 */
function drawSeal(doc: PDFKit.PDFDocument, issuer: string, cx: number, cy: number): void {
  const r = 48;
  doc.save().opacity(0.85).lineWidth(3).circle(cx, cy, r).stroke('#d00000');
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const d = i % 2 === 0 ? 14 : 5.6;
    return [cx + d * Math.cos(a), cy + d * Math.sin(a)] as [number, number];
  });
  doc.polygon(...star).fill('#d00000');
  const chars = [...issuer];
  const span = Math.min(Math.PI * 1.2, chars.length * 0.27);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    const x = cx + (r - 13) * Math.cos(a);
    const yy = cy + (r - 13) * Math.sin(a);
    doc
      .save()
      .translate(x, yy)
      .rotate((a * 180) / Math.PI + 90)
      .font('cn-bold')
      .fontSize(10)
      .fillColor('#d00000')
      .text(ch, -5, -6, { lineBreak: false })
      .restore();
  });
  doc
    .font('cn-bold')
    .fontSize(8)
    .fillColor('#d00000')
    .text('电子证照专用章', cx - 30, cy + 18, { width: 60, align: 'center', lineBreak: false });
  doc.restore();
}

/**
 * Certificates as one PDF, one A4 landscape page each, Noto Sans SC embedded
 * (subset). `onPage` is called after each page so a batch can report progress.
 */
export async function renderCertificatesPdf(
  items: CertificatePrint[],
  onPage?: (done: number) => Promise<void> | void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: { Title: items.length === 1 ? `证书 ${items[0]!.number}` : `证书 ${items.length} 本`, Author: items[0]?.issuer ?? '' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cn', FONT);
  doc.registerFont('cn-bold', FONT_BOLD);
  for (const [i, item] of items.entries()) {
    doc.addPage();
    const qr = (text: string) => QRCode.toBuffer(text, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
    drawCertificate(doc, item, await qr(item.verifyUrl), item.nationalQr ? await qr(item.nationalQr) : null);
    await onPage?.(i + 1);
  }
  doc.end();
  return done;
}
