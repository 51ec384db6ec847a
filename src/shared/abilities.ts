/**
 * What a screen offers beside its rows: create buttons, exports, settings that
 * are editable or read-only, the columns of a wider scope. Each ability is one
 * route of the API, and the server answers it from that route's own access
 * declaration (`GET /api/auth/me` → `can`), so a page never decides by role and
 * a button exists exactly when its route would accept the call.
 * Per-object actions (approve this row, extend this certificate) are `policies`
 * on the objects instead (see policies.ts).
 */
export const ABILITY_ROUTES = {
  createAccount: 'POST /api/accounts',
  createExamSession: 'POST /api/exam-sessions',
  compileQualifiedList: 'POST /api/qualified-lists',
  decideQualifiedList: 'POST /api/qualified-lists/:id/confirm',
  exportNationalCertificates: 'GET /api/certificates/national-export',
  submitFiling: 'POST /api/filings',
  decideFiling: 'POST /api/filings/:id/approve',
  requestPersonnelChange: 'POST /api/personnel-changes',
  decidePersonnelChange: 'POST /api/personnel-changes/:id/decide',
  decideExtension: 'POST /api/extensions/:id/decide',
  decideEmployerChange: 'POST /api/review/employer-changes/:id/decide',
  detachIdentity: 'POST /api/identity-confirmations/:id/detach',
  rejectCapture: 'POST /api/review/captures/:id/reject',
  editSecurityPolicy: 'PUT /api/settings/security-policy',
  editStudyRules: 'PUT /api/settings/study-rules',
  editPassMarks: 'PUT /api/settings/pass-marks',
} as const;

export type Ability = keyof typeof ABILITY_ROUTES;
export type Abilities = Record<Ability, boolean>;

/**
 * Whose rows the caller sees, so a list knows which columns tell rows apart:
 * 地区 only when it spans the province, 企业 unless it is one enterprise's own.
 */
export type ListScope = 'province' | 'jurisdiction' | 'enterprise' | 'person' | 'none';
