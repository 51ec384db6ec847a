// Response shapes of the server's use-cases, imported as types only so no server code reaches the browser.
export type { Me } from '../../server/modules/auth/describe-me';
export type { AccountRow } from '../../server/modules/accounts/list-accounts';
export type { Stat } from '../../server/modules/home/home-summary';
export type { Todo } from '../../server/modules/home/home-todos';
export type { Journey } from '../../server/modules/home/candidate-journey';

export type Page<T> = { total: number; rows: T[] };
export type Jurisdiction = { code: string; name: string; letter: string; sortOrder: number };
export type { RegistrationView } from '../../server/modules/registrations/describe-registration';
export type { ReviewRow } from '../../server/modules/registrations/list-review-queue';
export type Enterprise = { id: string; name: string; creditCode: string; jurisdictionName: string };
export type Notification = {
  id: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
};
export type StudyProgress = Awaited<
  ReturnType<typeof import('../../server/modules/learning/study-progress').registrationProgress>
>;
export type ManagedCourse = Awaited<
  ReturnType<typeof import('../../server/modules/learning/manage-courses').listManagedCourses>
>[number];
export type ExamSessionView = Awaited<
  ReturnType<typeof import('../../server/modules/exams/list-exams').listExamSessions>
>[number];
export type AvailableExamSession = Awaited<
  ReturnType<typeof import('../../server/modules/exams/list-exams').availableExamSessions>
>[number];
export type MyExamApplication = Awaited<
  ReturnType<typeof import('../../server/modules/exams/list-exams').myApplications>
>[number];
export type SessionApplicants = Awaited<ReturnType<typeof import('../../server/modules/exams/list-exams').sessionApplicants>>;
export type QualifiedCandidate = import('../../server/modules/certificates/qualified-candidates').QualifiedCandidate;
export type QualifiedListRow = Awaited<
  ReturnType<typeof import('../../server/modules/certificates/list-qualified-lists').listQualifiedLists>
>[number];
export type QualifiedListDetail = Awaited<
  ReturnType<typeof import('../../server/modules/certificates/list-qualified-lists').qualifiedListDetail>
>;
export type CertificateRow = Awaited<
  ReturnType<typeof import('../../server/modules/certificates/list-certificates').listCertificates>
>['rows'][number];
export type PrintProgress = Awaited<
  ReturnType<typeof import('../../server/modules/certificates/print-certificates').batchPrintProgress>
>;
export type PublicCertificate = import('../../server/modules/personnel-registry/public-lookup').PublicCertificate;
export type EmployerResult = Awaited<
  ReturnType<typeof import('../../server/modules/exams/employer-results').employerResults>
>[number];
export type CertificateDetail = Awaited<
  ReturnType<typeof import('../../server/modules/certificates/certificate-detail').certificateDetail>
>;
export type FilingRow = Awaited<
  ReturnType<typeof import('../../server/modules/filings/list-filings').listFilings>
>['rows'][number];
export type HolderRow = Awaited<ReturnType<typeof import('../../server/modules/personnel/lookup-holder').lookupHolder>>[number];
export type PersonnelRow = Awaited<
  ReturnType<typeof import('../../server/modules/personnel/list-enterprise-personnel').listEnterprisePersonnel>
>[number];
export type PersonnelChangeRow = Awaited<
  ReturnType<typeof import('../../server/modules/personnel/list-personnel-changes').listPersonnelChanges>
>[number];
export type ExtensionRow = Awaited<
  ReturnType<typeof import('../../server/modules/continuing/extensions').listExtensions>
>[number];
export type EmployerChangeRow = Awaited<
  ReturnType<typeof import('../../server/modules/registrations/decide-employer-change').listEmployerChanges>
>[number];
export type NationalReportList = Awaited<
  ReturnType<typeof import('../../server/modules/national/national-reports').listNationalReports>
>;
export type NationalReportRow = NationalReportList['rows'][number];
