import { randomBytes, randomInt } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { parseCreditCode } from '../../src/shared/domain/credit-code.js';
import { parseIdNumber } from '../../src/shared/domain/id-number.js';
import { parseCertificateIdentifier } from '../../src/shared/domain/national/certificate-identifier.js';
import { C0304, C0317, NATIONAL_PHOTO_MAX_BYTES } from '../../src/shared/domain/national/dictionaries.js';
import {
  desEncrypt,
  PLATFORM_PATHS,
  rsaEncrypt,
  TOKEN_PATH,
  type PlatformAnswer,
  type PlatformOperation,
} from '../../src/server/modules/national/platform-interface.js';

/**
 * A stand-in for the 全国工程质量安全监管信息平台, for tests, demonstrations and a
 * province's own acceptance runs: the same paths, OAuth2 client credentials per
 * standard, the same answers — and strict, independent checks of every field and
 * code table of C0317-2022 / C0304-2022, and of the order of events (a state
 * change of a certificate it has never been given is refused, as is 暂扣发还 of a
 * certificate that is not 暂扣). It can be told to be down, slow, or to refuse.
 * It shares with the product only the code tables and the check-character
 * algorithms (facts of the standards), never the payload builder it tests.
 */
export type ReferencePlatformOptions = {
  clients: Record<'C0317' | 'C0304', { id: string; secret: string }>;
  /** The province's public key (Base64 DER): 赋码 answers are encrypted for it. */
  provincePublicKey: string;
  /** Token lifetime in seconds. */
  tokenSeconds?: number;
};

type Accepted = {
  at: string;
  standard: 'C0317' | 'C0304';
  op: PlatformOperation;
  eCertID?: string;
  operateType?: string;
  certNum?: string;
  zzeCertID?: string;
  certState?: string;
};

type Certificate = {
  standard: 'C0317' | 'C0304';
  certNum: string;
  identityCard: string;
  category: string;
  certState: string;
  zzeCertID: string;
  certId: string | null;
  filed: boolean;
};

/** refuseNext: refuse the next calls as bad data; throttleNext: answer "操作太快" as the real one does when pushed. */
export type Behaviour = {
  mode: 'ok' | 'down' | 'slow';
  delayMs: number;
  refuseNext: number;
  throttleNext: number;
  downNext: number;
  /** The next 归集 calls fail with 502 (赋码 still works). */
  filingDownNext: number;
};

/** Another province's holdings for the duplicate check (查重): ID number + category → where. */
export type Holding = { identityCard: string; category: string; province: string; certNum: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: unknown) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

const FM_FIELDS = {
  C0317: [
    'eCertID',
    'provinceNum',
    'certNum',
    'issuAuth',
    'issuAuthCode',
    'issuedDate',
    'issuDate',
    'effectiveDate',
    'expiringDate',
    'categoryCode',
    'name',
    'gender',
    'birthDate',
    'identityCard',
    'identityCardType',
    'companyName',
    'creditCode',
    'appointment',
    'technicalTitle',
    'educationDegree',
    'major',
    'photo',
    'certState',
    'certStatusDescription',
    'associatedZzeCertID',
    'zzeCertID',
    'businessInformation',
    'operateType',
    'oldcertNum',
  ],
  C0304: [
    'eCertID',
    'provinceNum',
    'certNum',
    'issuAuth',
    'issuAuthCode',
    'issuedDate',
    'issuDate',
    'effectiveDate',
    'expiringDate',
    'operationCategory',
    'categoryDescription',
    'name',
    'gender',
    'identityCard',
    'identityCardType',
    'photo',
    'certState',
    'certStatusDescription',
    'associatedZzeCertID',
    'zzeCertID',
    'businessInformation',
    'operateType',
  ],
} as const;

const UPDATE_FIELDS = {
  C0317: [
    'eCertID',
    'zzeCertID',
    'provinceNum',
    'certNum',
    'identityCard',
    'creditCode',
    'categoryCode',
    'certState',
    'certStatusDescription',
    'operateType',
  ],
  C0304: [
    'eCertID',
    'zzeCertID',
    'provinceNum',
    'certNum',
    'identityCard',
    'operationCategory',
    'categoryDescription',
    'certState',
    'certStatusDescription',
    'operateType',
  ],
} as const;

const SAFETY_NUMBER = /^\p{Script=Han}建安(A|B|C1|C2|C3)（\d{4}）\d{7}$/u;
const SPECIAL_NUMBER = /^\p{Script=Han}[A-Z]\d{2}\d{4}\d{6}$/u;

/** Which certState an update's operateType may set (and from which state), per standard. */
const UPDATE_RULES = {
  C0317: {
    '03': { to: ['02'], from: ['01'] },
    '04': { to: ['05', '04'], from: ['01'] },
    '05': { to: ['03', '04', '06', '07'], from: ['01', '02', '05'] },
    '06': { to: ['01'], from: ['02'] },
    '07': { to: ['01', '02', '03', '04', '05', '06', '07', '99'], from: null },
    '10': { to: ['01'], from: ['06'] },
  },
  C0304: {
    '03': { to: ['02'], from: ['01'] },
    '04': { to: ['06', '05'], from: ['01'] },
    '05': { to: ['03', '04', '05'], from: ['01', '02', '06'] },
    '06': { to: ['01'], from: ['02'] },
    '07': { to: ['01', '02', '03', '04', '05', '06', '99'], from: null },
  },
} as Record<'C0317' | 'C0304', Record<string, { to: string[]; from: string[] | null }>>;

export function buildReferencePlatform(opts: ReferencePlatformOptions): {
  app: FastifyInstance;
  behaviour: Behaviour;
  accepted: Accepted[];
  certificates: Map<string, Certificate>;
  holdings: Holding[];
  /** How many business calls arrived, accepted or not. */
  calls: { count: number };
} {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const behaviour: Behaviour = { mode: 'ok', delayMs: 0, refuseNext: 0, throttleNext: 0, downNext: 0, filingDownNext: 0 };
  const tokens = new Map<string, { standard: 'C0317' | 'C0304'; until: number }>();
  const accepted: Accepted[] = [];
  const certificates = new Map<string, Certificate>(); // by zzeCertID
  const byCertId = new Map<string, Certificate>();
  const answers = new Map<string, { body: string; answer: PlatformAnswer }>(); // by eCertID: repeats answer alike
  const holdings: Holding[] = [];
  const calls = { count: 0 };
  let sequence = 0;

  const delay = async () => {
    if (behaviour.mode === 'slow' && behaviour.delayMs > 0) await new Promise((r) => setTimeout(r, behaviour.delayMs));
  };

  app.post(TOKEN_PATH, async (request, reply) => {
    await delay();
    if (behaviour.mode === 'down') return reply.code(503).send('Service Unavailable');
    const form = (request.body ?? {}) as Record<string, string>;
    const standard = (Object.keys(opts.clients) as ('C0317' | 'C0304')[]).find(
      (s) => opts.clients[s].id === form.client_id && opts.clients[s].secret === form.client_secret,
    );
    if (form.grant_type !== 'client_credentials' || !standard)
      return { status: { code: '0', text: 'client_id 或 client_secret 错误' }, custom: {} };
    const token = randomBytes(16).toString('hex');
    const seconds = opts.tokenSeconds ?? 7200;
    tokens.set(token, { standard, until: Date.now() + seconds * 1000 });
    return { status: { code: '1' }, custom: { access_token: token, expires_in: seconds } };
  });

  const refuse = (msg: string, guid?: string): PlatformAnswer => ({
    ReturnCode: '0',
    ReturnMsg: '数据校验不通过',
    ReturnData: { ErrorData: [{ ErrorGuid: guid ?? '', ErrorMsg: msg }] },
  });

  /** Every field rule of the standard; returns the first error, worded like the platform. */
  const checkFields = (standard: 'C0317' | 'C0304', op: 'fm' | 'update', d: Record<string, unknown>): string | null => {
    const table = standard === 'C0317' ? C0317 : C0304;
    const allowed: readonly string[] = op === 'fm' ? FM_FIELDS[standard] : UPDATE_FIELDS[standard];
    for (const k of Object.keys(d)) if (!allowed.includes(k)) return `不应包含字段 ${k}`;
    const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
    const need = (k: string) => (str(k).trim() === '' ? `${k} 不能为空` : null);
    const inTable = (k: string, t: Record<string, string>) =>
      str(k) in t ? null : `${k} 代码 ${JSON.stringify(d[k])} 不在代码表中`;
    const checks: (() => string | null)[] = [
      () => (/^[0-9a-fA-F]{32}$/.test(str('eCertID')) ? null : 'eCertID 应为32位全球唯一标识符'),
      () => (/^\d{2}0000$/.test(str('provinceNum')) ? null : 'provinceNum 应为6位省级行政区划代码'),
      () => need('certNum'),
      () => ((standard === 'C0317' ? SAFETY_NUMBER : SPECIAL_NUMBER).test(str('certNum')) ? null : 'certNum 证书编号格式错误'),
      () => {
        const p = parseIdNumber(str('identityCard'), '2100-01-01');
        return p.ok ? null : `identityCard ${p.message}`;
      },
      () => inTable('certState', table.certState),
      () =>
        d.certState === '99' && str('certStatusDescription').trim() === '' ? 'certState 为99时 certStatusDescription 必填' : null,
      () => inTable('operateType', table.operateType),
      () => {
        const z = parseCertificateIdentifier(str('zzeCertID'));
        if (!z) return 'zzeCertID 电子证照标识格式或校验位错误';
        return z.typeCode === table.typeCode ? null : 'zzeCertID 证照类型代码与证照类型不符';
      },
    ];
    if (standard === 'C0317') {
      checks.push(() => inTable('categoryCode', C0317.categoryCode));
      checks.push(() => {
        const c = parseCreditCode(str('creditCode'));
        return c.ok ? null : `creditCode ${c.message}`;
      });
    } else {
      checks.push(() => inTable('operationCategory', C0304.operationCategory));
      checks.push(() => {
        const want =
          d.operationCategory === '99'
            ? /^经省级以上住房和城乡建设主管部门认定的其他工种类别（.+）$/
            : new RegExp(`^${C0304.operationCategory[str('operationCategory') as '01'] ?? '—'}$`);
        return want.test(str('categoryDescription')) ? null : 'categoryDescription 与 operationCategory 不符';
      });
    }
    if (op === 'fm') {
      checks.push(
        () => need('issuAuth'),
        () => {
          const c = parseCreditCode(str('issuAuthCode'));
          return c.ok ? null : `issuAuthCode ${c.message}`;
        },
        () => {
          for (const k of ['issuedDate', 'issuDate', 'effectiveDate', 'expiringDate'])
            if (!validDate(d[k])) return `${k} 应为 yyyy-MM-dd 格式的日期`;
          if (str('issuedDate') > str('issuDate')) return 'issuedDate（初次领证日期）不能晚于 issuDate（发证日期）';
          if (str('effectiveDate') >= str('expiringDate')) return 'effectiveDate 应早于 expiringDate';
          return null;
        },
        () => (str('name').trim() && str('name').length <= 50 ? null : 'name 应为1～50个字符'),
        () => (d.gender === '1' || d.gender === '2' ? null : 'gender 应为 1（男）或 2（女）'),
        () => (d.identityCardType === '111' ? null : 'identityCardType 应为 GB/T 36903 代码 111（居民身份证）'),
        () => {
          const p = parseIdNumber(str('identityCard'), '2100-01-01');
          if (!p.ok) return null;
          if ((p.value.gender === 'male' ? '1' : '2') !== d.gender) return 'gender 与 identityCard 不符';
          return standard === 'C0317' && p.value.birthDate !== d.birthDate ? 'birthDate 与 identityCard 不符' : null;
        },
        () => {
          if (d.photo === undefined) return d.operateType === '01' ? 'photo 新发证照必须有照片' : null;
          if (typeof d.photo !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(d.photo)) return 'photo 应为 Base64 字符串';
          const bytes = Buffer.from(d.photo, 'base64');
          const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
          const png = bytes.subarray(0, 4).toString('latin1') === '\x89PNG';
          if (!jpeg && !png) return 'photo 应为 jpg 或 png 格式';
          return bytes.length <= NATIONAL_PHOTO_MAX_BYTES ? null : 'photo 大小不能超过50KB';
        },
        () => {
          const assoc = str('associatedZzeCertID');
          const needs = (table.newVersion as readonly string[]).includes(str('operateType'));
          if (needs && !assoc) return 'associatedZzeCertID 延续、变更、转入时必填';
          if (assoc && !parseCertificateIdentifier(assoc)) return 'associatedZzeCertID 电子证照标识格式或校验位错误';
          return null;
        },
        () => (Array.isArray(d.businessInformation ?? []) ? null : 'businessInformation 应为数组'),
        () =>
          str('operateType') in table.operateType && !['01', ...table.newVersion].includes(str('operateType'))
            ? `operateType ${str('operateType')} 应调用状态更新接口`
            : null,
      );
      if (standard === 'C0317')
        checks.push(
          () => need('companyName'),
          () => inTable('appointment', C0317.appointment),
          () => (d.technicalTitle === undefined ? null : inTable('technicalTitle', C0317.technicalTitle)),
          () => (d.educationDegree === undefined ? null : inTable('educationDegree', C0317.educationDegree)),
          () => (d.operateType === '08' && !str('oldcertNum') ? 'oldcertNum 办理转入时必填' : null),
        );
    } else {
      checks.push(() =>
        str('operateType') in UPDATE_RULES[standard]! ? null : `operateType ${str('operateType')} 应调用赋码接口`,
      );
    }
    for (const check of checks) {
      const error = check();
      if (error) return error;
    }
    return null;
  };

  const business = (standard: 'C0317' | 'C0304', op: PlatformOperation, record: Record<string, unknown>): PlatformAnswer => {
    const eCertID = typeof record.eCertID === 'string' ? record.eCertID : '';
    if (op === 'gj') {
      const c = byCertId.get(String(record.ID ?? ''));
      if (!c || c.standard !== standard) return refuse('ID 赋码ID不存在');
      if (c.zzeCertID !== record.zzeCertID) return refuse('zzeCertID 与赋码证照不符');
      if (typeof record.url !== 'string' || !/^https?:\/\//.test(record.url)) return refuse('url 证照预览地址无效');
      c.filed = true;
      accepted.push({ at: new Date().toISOString(), standard, op, zzeCertID: c.zzeCertID, certNum: c.certNum });
      return { ReturnCode: '1', ReturnMsg: '归集成功', ReturnData: { ErrorData: [] } };
    }
    if (op === 'check') {
      const id = String(record.identityCard ?? '');
      const category = String(record.categoryCode ?? record.operationCategory ?? '');
      if (!parseIdNumber(id, '2100-01-01').ok) return refuse('identityCard 身份证号码无效', eCertID);
      const held = holdings.find((h) => h.identityCard === id && h.category === category);
      if (held)
        return {
          ReturnCode: '0',
          ReturnMsg: '校验不通过',
          ReturnData: {
            ErrorData: [{ ErrorGuid: eCertID, ErrorMsg: `该人员已在${held.province}持有有效证书：${held.certNum}` }],
          },
        };
      return { ReturnCode: '1', ReturnMsg: '校验通过', ReturnData: { ErrorData: [], WarnData: [] } };
    }
    const error = checkFields(standard, op, record);
    if (error) return refuse(error, eCertID);
    const zz = String(record.zzeCertID);
    const operateType = String(record.operateType);
    const certState = String(record.certState);
    if (op === 'update') {
      const c = certificates.get(zz);
      if (!c || c.standard !== standard) return refuse('zzeCertID 对应的电子证照不存在（请先赋码）', eCertID);
      if (c.certNum !== record.certNum || c.identityCard !== record.identityCard)
        return refuse('certNum 或 identityCard 与证照不符', eCertID);
      const rule = UPDATE_RULES[standard]![operateType]!;
      if (!rule.to.includes(certState)) return refuse(`operateType ${operateType} 与 certState ${certState} 不符`, eCertID);
      if (rule.from && !rule.from.includes(c.certState))
        return refuse(`当前证照状态（${c.certState}）不能办理 operateType ${operateType}`, eCertID);
      c.certState = certState;
    } else {
      const table = standard === 'C0317' ? C0317 : C0304;
      const assoc = typeof record.associatedZzeCertID === 'string' ? record.associatedZzeCertID : null;
      if (assoc) {
        const previous = certificates.get(assoc);
        if (!previous) return refuse('associatedZzeCertID 对应的电子证照不存在', eCertID);
        if (previous.certNum !== record.certNum && operateType !== '08')
          return refuse('associatedZzeCertID 与 certNum 不符', eCertID);
      } else if (operateType === '01') {
        const clash = [...certificates.values()].find((c) => c.certNum === record.certNum && c.zzeCertID !== zz);
        if (clash) return refuse('证书编号已存在', eCertID);
      }
      if (certificates.has(zz) && !assoc) return refuse('存在重复的电子证照', eCertID);
      const assigns = (table.assignsQr as readonly string[]).includes(operateType);
      const certId = assigns ? `${record.provinceNum}${new Date().getUTCFullYear()}${String(++sequence).padStart(9, '0')}` : null;
      const c: Certificate = {
        standard,
        certNum: String(record.certNum),
        identityCard: String(record.identityCard),
        category: String(record.categoryCode ?? record.operationCategory),
        certState,
        zzeCertID: zz,
        certId,
        filed: false,
      };
      certificates.set(zz, c);
      if (certId) {
        byCertId.set(certId, c);
        const key = String(randomInt(10_000_000, 99_999_999));
        accepted.push({
          at: new Date().toISOString(),
          standard,
          op,
          eCertID,
          operateType,
          certNum: c.certNum,
          zzeCertID: zz,
          certState,
        });
        return {
          ReturnCode: '1',
          ReturnMsg: '赋码成功',
          ReturnData: {
            SuccessData: [{ eCertID, encryCertid: desEncrypt(key, certId), encryKey: rsaEncrypt(opts.provincePublicKey, key) }],
            ErrorData: [],
            WarnData: [],
          },
        };
      }
    }
    accepted.push({
      at: new Date().toISOString(),
      standard,
      op,
      eCertID,
      operateType,
      certNum: String(record.certNum),
      zzeCertID: zz,
      certState,
    });
    return { ReturnCode: '1', ReturnMsg: '成功', ReturnData: { SuccessData: [{ eCertID, ReturnMsg: '成功' }], ErrorData: [] } };
  };

  for (const standard of ['C0317', 'C0304'] as const)
    for (const op of Object.keys(PLATFORM_PATHS[standard]) as PlatformOperation[])
      app.post(PLATFORM_PATHS[standard][op], async (request, reply) => {
        calls.count++;
        await delay();
        if (behaviour.mode === 'down') return reply.code(503).send('Service Unavailable');
        if (op === 'gj' && behaviour.filingDownNext > 0) {
          behaviour.filingDownNext--;
          return reply.code(502).send('Bad Gateway');
        }
        if (behaviour.downNext > 0) {
          behaviour.downNext--;
          return reply.code(502).send('Bad Gateway');
        }
        const token = tokens.get(String((request.query as Record<string, string>).access_token ?? ''));
        if (!token || token.until < Date.now()) return reply.code(401).send({ error: 'invalid_token' });
        if (token.standard !== standard) return refuse('access_token 无权调用该证照类型的接口');
        const list = (request.body as { AcceptData?: unknown } | null)?.AcceptData;
        if (!Array.isArray(list) || list.length === 0 || list.length > 100) return refuse('AcceptData 应为1～100条数据的数组');
        if (behaviour.throttleNext > 0) {
          behaviour.throttleNext--;
          return refuse('赋码操作太快，请稍后再试！');
        }
        if (behaviour.refuseNext > 0) {
          behaviour.refuseNext--;
          return refuse('证书编号已存在', (list[0] as { eCertID?: string }).eCertID);
        }
        // One record per call is how provinces send; the answer concerns that record.
        const record = list[0] as Record<string, unknown>;
        const eCertID = typeof record.eCertID === 'string' ? record.eCertID : null;
        const canonical = JSON.stringify(record);
        if (eCertID && op !== 'gj' && op !== 'check') {
          const seen = answers.get(`${op}:${eCertID}`);
          if (seen) return seen.body === canonical ? seen.answer : refuse('eCertID 已用于另一份数据', eCertID);
        }
        const answer = business(standard, op, record);
        if (eCertID && op !== 'gj' && op !== 'check' && answer.ReturnCode !== '0')
          answers.set(`${op}:${eCertID}`, { body: canonical, answer });
        return answer;
      });

  // —— control, for tests and demonstrations (not part of the real interface) ——
  app.post('/__control', async (request) => {
    Object.assign(behaviour, request.body as Partial<Behaviour>);
    return behaviour;
  });
  app.post('/__control/holdings', async (request) => {
    holdings.push(...(request.body as Holding[]));
    return { count: holdings.length };
  });
  app.get('/__control/accepted', async () => ({ accepted, calls: calls.count }));

  return { app, behaviour, accepted, certificates, holdings, calls };
}
