import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import type { Config } from '../config.js';

/**
 * The province's electronic seal: a PKCS#12 key and certificate with which every
 * certificate PDF is signed (PDF digital signature, adbe.pkcs7.detached), so a
 * reader can tell the file is the province's and unchanged. In production the
 * province's seal (issued under GB/T 38540 by its seal authority) is configured
 * with SEAL_P12_FILE / SEAL_P12_PASSWORD; otherwise a self-signed demonstration
 * seal is generated once into DATA_DIR.
 */
export type ProvinceSeal = { p12: Buffer; passphrase: string; demo: boolean };

/** A self-signed seal certificate (RSA 2048, ten years). ASCII names: @signpdf re-encodes the issuer and breaks on UTF-8. */
export function generateDemoSeal(): ProvinceSeal {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const name = [
    { name: 'commonName', value: 'Provincial Housing and Urban-Rural Development e-Seal (DEMO)' },
    { name: 'organizationName', value: 'Anguantong demonstration' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const passphrase = randomBytes(16).toString('hex');
  const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des' })).getBytes();
  return { p12: Buffer.from(der, 'binary'), passphrase, demo: true };
}

export function loadProvinceSeal(config: Config, log: (msg: string) => void = console.log): ProvinceSeal {
  if (config.sealP12File) {
    const p12 = fs.readFileSync(config.sealP12File);
    const seal = { p12, passphrase: config.sealP12Password ?? '', demo: false };
    signerOf(seal); // a wrong password fails at start, not at the first print
    return seal;
  }
  const file = path.join(config.dataDir, 'province-seal.json');
  const fresh = generateDemoSeal();
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ p12: fresh.p12.toString('base64'), passphrase: fresh.passphrase }), {
      flag: 'wx',
      mode: 0o600,
    });
    log(`[seal] 未设置 SEAL_P12_FILE：已生成演示用电子印章证书 ${file}（正式运行请配置本省电子印章证书）`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { p12: string; passphrase: string };
  return { p12: Buffer.from(saved.p12, 'base64'), passphrase: saved.passphrase, demo: true };
}

function signerOf(seal: ProvinceSeal): P12Signer {
  const signer = new P12Signer(seal.p12, { passphrase: seal.passphrase });
  // Parse now: P12Signer only reads the file when it signs.
  forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(seal.p12.toString('binary')), seal.passphrase);
  return signer;
}

const signPdf = new SignPdf();

/** Signs a finished PDF with the seal: one signature over the whole file, however many pages it has. */
export async function sealPdf(pdf: Buffer, seal: ProvinceSeal, signer: { name: string; location: string }): Promise<Buffer> {
  const prepared = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: '电子证照签章',
    contactInfo: '',
    name: signer.name,
    location: signer.location,
    signatureLength: 8192,
  });
  return signPdf.sign(prepared, signerOf(seal));
}
