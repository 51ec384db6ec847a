import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

// Noto Sans SC, embedded as a subset of the glyphs used (pdfkit subsets TrueType fonts).
const require = createRequire(import.meta.url);
const FONT = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')),
  '400Regular',
  'NotoSansSC_400Regular.ttf',
);
const FONT_BOLD = path.join(path.dirname(FONT), '..', '700Bold', 'NotoSansSC_700Bold.ttf');

export type TicketData = {
  provinceName: string;
  name: string;
  gender: string;
  maskedIdNumber: string;
  categoryLabel: string;
  ticketNumber: string;
  seatNumber: number;
  kindLabel: string;
  sessionName: string;
  time: string;
  address: string;
  room: string;
  photo: Buffer | null;
  verifyUrl: string;
  printedAt: string;
};

const RULES = [
  '考生凭准考证和有效身份证件原件，于考试开始前30分钟进入考场，对号入座。',
  '考试开始15分钟后不得入场；考试期间不得提前交卷离场。',
  '除规定的文具外，严禁携带手机、智能手表等通讯、存储设备进入考场。',
  '服从监考人员管理，不得交头接耳、抄袭或协助他人作弊，违者按规定严肃处理。',
  '准考证仅限本人本次考试使用，请妥善保管，不得涂改。',
];

/** 准考证 on one A4 page: photo, identity (masked), exam details, rules and a QR code for the invigilator. */
export async function renderTicketPdf(t: TicketData): Promise<Buffer> {
  const qr = await QRCode.toBuffer(t.verifyUrl, { margin: 1, width: 240 });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `准考证 ${t.ticketNumber}`, Author: t.provinceName } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cn', FONT);
  doc.registerFont('cn-bold', FONT_BOLD);

  doc.font('cn-bold').fontSize(20).text(`${t.provinceName}建设工程安管人员考试`, { align: 'center' });
  doc.fontSize(24).text('准 考 证', { align: 'center' });
  doc.moveDown(0.8);

  const top = doc.y;
  const left = 56;
  const labelWidth = 90;
  const valueWidth = 260;
  const rows: [string, string][] = [
    ['准考证号', t.ticketNumber],
    ['姓\u3000\u3000名', `${t.name}（${t.gender}）`],
    ['身份证号', t.maskedIdNumber],
    ['报考类别', t.categoryLabel],
    ['考试类型', t.kindLabel],
    ['考场名称', t.sessionName],
    ['考试时间', t.time],
    ['考试地点', t.address],
    ['考\u3000\u3000室', `${t.room}\u3000座位号 ${t.seatNumber}`],
  ];
  let y = top;
  for (const [label, value] of rows) {
    const h = Math.max(
      26,
      doc
        .font('cn')
        .fontSize(12)
        .heightOfString(value, { width: valueWidth - 12 }) + 12,
    );
    doc.rect(left, y, labelWidth, h).stroke('#888888');
    doc.rect(left + labelWidth, y, valueWidth, h).stroke('#888888');
    doc
      .font('cn-bold')
      .fontSize(12)
      .fillColor('#000')
      .text(label, left + 8, y + 6, { width: labelWidth - 16 });
    doc
      .font('cn')
      .fontSize(12)
      .text(value, left + labelWidth + 6, y + 6, { width: valueWidth - 12 });
    y += h;
  }
  // 1-inch photo (358×441, i.e. 25×31 mm at print size) beside the table.
  const photoX = left + labelWidth + valueWidth + 24;
  if (t.photo) doc.image(t.photo, photoX, top, { width: 100, height: 123 });
  else doc.rect(photoX, top, 100, 123).stroke('#888888');
  doc.image(qr, photoX - 5, top + 140, { width: 110 });
  doc
    .font('cn')
    .fontSize(9)
    .fillColor('#444')
    .text('监考人员扫码核验', photoX, top + 255, { width: 100, align: 'center' });

  doc
    .fillColor('#000')
    .font('cn-bold')
    .fontSize(14)
    .text('考生须知', left, y + 24);
  doc.font('cn').fontSize(11);
  RULES.forEach((r, i) => doc.text(`${i + 1}. ${r}`, left, doc.y + 6, { width: 480 }));
  doc
    .fontSize(9)
    .fillColor('#666')
    .text(`打印时间：${t.printedAt}\u3000\u3000本准考证由${t.provinceName}建设工程安管人员管理系统生成`, left, 770, {
      width: 480,
      align: 'center',
    });
  doc.end();
  return done;
}
