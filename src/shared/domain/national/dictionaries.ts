/**
 * Code tables of the two national electronic-certificate standards. Each standard
 * has its own numbering for the same idea — a 失效 certificate is certState 05 in
 * C0317 but 06 in C0304 — so every table is per standard and nothing is shared by
 * accident. Labels are the standards' own wording.
 */

/** C0317-2022 建筑施工企业安全生产管理人员考核合格证书 (三类人员). */
export const C0317 = {
  standard: 'C0317',
  /** 证照类型代码 in the 证照标识. */
  typeCode: '11100000000013338W011',
  certState: {
    '01': '有效',
    '02': '暂扣',
    '03': '撤销',
    '04': '注销',
    '05': '失效',
    '06': '办理转出',
    '07': '吊销',
    '99': '其他',
  },
  operateType: {
    '01': '办理新发电子证照',
    '02': '办理延续',
    '03': '办理暂扣',
    '04': '办理过期失效',
    '05': '办理注销（撤销、吊销、办理转出）',
    '06': '办理暂扣发还',
    '07': '办理其他业务',
    '08': '办理转入',
    '09': '办理变更',
    '10': '取消办理转出',
  },
  /** Operations after which the platform assigns (赋码) a national QR code. */
  assignsQr: ['01', '02'],
  /** Operations that issue a new version of the certificate (a new 证照标识 naming the previous one). */
  newVersion: ['02', '08', '09'],
  categoryCode: {
    A: '企业主要负责人',
    B: '项目负责人',
    C1: '机械类专职安全生产管理人员',
    C2: '土建类专职安全生产管理人员',
    C3: '综合类专职安全生产管理人员',
  },
  /** 职务 (§7.3.3.3). */
  appointment: {
    '01': '法定代表人',
    '02': '总经理（总裁）',
    '03': '分管安全生产的副总经理（副总裁）',
    '04': '分管生产经营的副总经理（副总裁）',
    '05': '技术负责人',
    '06': '安全总监',
    '07': '项目负责人（项目经理）',
    '08': '专职安全生产管理人员',
    '99': '其他',
  },
  /** 技术职称 (§7.3.3.4). */
  technicalTitle: { '01': '正高级工程师', '02': '高级工程师', '03': '工程师', '04': '助理工程师', '05': '技术员' },
  /** 文化程度 (§7.3.3.5). */
  educationDegree: {
    '01': '博士研究生',
    '02': '硕士研究生',
    '03': '大学本科',
    '04': '大学专科',
    '05': '中专',
    '06': '高中',
    '07': '初中及以下',
    '99': '其他',
  },
} as const;

/** C0304-2022 建筑施工特种作业操作资格证书. */
export const C0304 = {
  standard: 'C0304',
  typeCode: '11100000000013338W032',
  certState: { '01': '有效', '02': '暂扣', '03': '吊销', '04': '撤销', '05': '注销', '06': '失效', '99': '其他' },
  operateType: {
    '01': '办理新发电子证照',
    '02': '办理延续',
    '03': '办理暂扣',
    '04': '办理过期失效',
    '05': '办理注销（撤销、吊销）',
    '06': '办理暂扣发还',
    '07': '办理其他业务',
    '08': '办理变更',
  },
  assignsQr: ['01', '02', '08'],
  newVersion: ['02', '08'],
  operationCategory: {
    '01': '建筑电工',
    '02': '建筑架子工（普通脚手架）',
    '03': '建筑架子工（附着升降脚手架）',
    '04': '建筑起重司索信号工',
    '05': '建筑起重机械司机（塔式起重机）',
    '06': '建筑起重机械司机（施工升降机）',
    '07': '建筑起重机械司机（物料提升机）',
    '08': '建筑起重机械安装拆卸工（塔式起重机）',
    '09': '建筑起重机械安装拆卸工（施工升降机）',
    '10': '建筑起重机械安装拆卸工（物料提升机）',
    '11': '高处作业吊篮安装拆卸工',
    '99': '经省级以上住房和城乡建设主管部门认定的其他工种类别',
  },
} as const;

export type Standard = typeof C0317 | typeof C0304;
export type StandardCode = Standard['standard'];
export type SafetyCertState = keyof typeof C0317.certState;
export type SpecialCertState = keyof typeof C0304.certState;
export type SafetyOperateType = keyof typeof C0317.operateType;
export type SpecialOperateType = keyof typeof C0304.operateType;

/** GB/T 36903-2018 附录A 身份证件类型: 111 居民身份证. */
export const IDENTITY_CARD_TYPE_RESIDENT = '111';

/** The fixed wording of categoryDescription for work type 99 (C0304 §7). */
export const otherWorkTypeDescription = (name: string) => `经省级以上住房和城乡建设主管部门认定的其他工种类别（${name}）`;

/** The photo may be at most this large once Base64-decoded (both standards). */
export const NATIONAL_PHOTO_MAX_BYTES = 50 * 1024;
