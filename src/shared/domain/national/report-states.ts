/** Where a certificate's report to the national platform stands, as every screen says it. */
export const NATIONAL_REPORT_STATE_LABELS = { sent: '已上报', pending: '待上报', failed: '上报失败' } as const;
export type NationalReportState = keyof typeof NATIONAL_REPORT_STATE_LABELS;
