import sharp from 'sharp';

/** A plain picture standing in for a photo or a scan (demo data only). */
export async function demoImage(width: number, height: number, hue: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#f4f1e8"/>
    <rect x="8%" y="8%" width="84%" height="84%" fill="none" stroke="${hue}" stroke-width="6"/>
    <circle cx="50%" cy="38%" r="${Math.round(Math.min(width, height) / 6)}" fill="${hue}" opacity="0.7"/>
    <rect x="25%" y="62%" width="50%" height="6%" fill="${hue}" opacity="0.5"/>
    <rect x="30%" y="74%" width="40%" height="4%" fill="${hue}" opacity="0.35"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
