import { Spin } from 'antd';
import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Role } from '../shared/domain/roles';
import { setAuthProblemHandler } from './api/client';
import { useMe, useSetMe } from './auth';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * Each page is its own chunk, loaded when first visited: the registry or the
 * login page does not download the reviewers' screens (and a changed page
 * invalidates only its own file in the browser's cache).
 */
const RELOADED_FOR_RELEASE = 'agt_reloaded_for_release';
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() =>
    load().then(
      (m) => {
        sessionStorage.removeItem(RELOADED_FOR_RELEASE);
        return { default: m[name] };
      },
      (err: unknown) => {
        // A tab opened before a new release asks for a page file that no longer exists: load the
        // new release once (a second failure is a real error and is shown).
        if (!sessionStorage.getItem(RELOADED_FOR_RELEASE)) {
          sessionStorage.setItem(RELOADED_FOR_RELEASE, '1');
          window.location.reload();
          return new Promise<never>(() => undefined);
        }
        throw err;
      },
    ),
  );
}
const LoginPage = lazyPage(() => import('./pages/auth/LoginPage'), 'LoginPage');
const AccountsPage = lazyPage(() => import('./pages/accounts/AccountsPage'), 'AccountsPage');
const AuditPage = lazyPage(() => import('./pages/audit/AuditPage'), 'AuditPage');
const ChangePasswordPage = lazyPage(() => import('./pages/auth/ChangePasswordPage'), 'ChangePasswordPage');
const RegisterPage = lazyPage(() => import('./pages/auth/RegisterPage'), 'RegisterPage');
const TwoFactorPage = lazyPage(() => import('./pages/auth/TwoFactorPage'), 'TwoFactorPage');
const ExamClientsPage = lazyPage(() => import('./pages/exam-clients/ExamClientsPage'), 'ExamClientsPage');
const HomePage = lazyPage(() => import('./pages/home/HomePage'), 'HomePage');
const ProvincePage = lazyPage(() => import('./pages/settings/ProvincePage'), 'ProvincePage');
const EmployerQueuePage = lazyPage(() => import('./pages/employer/EmployerQueuePage'), 'EmployerQueuePage');
const ExamResultsPage = lazyPage(() => import('./pages/employer/ExamResultsPage'), 'ExamResultsPage');
const FilingsPage = lazyPage(() => import('./pages/filings/FilingsPage'), 'FilingsPage');
const PersonnelChangesPage = lazyPage(() => import('./pages/personnel/PersonnelChangesPage'), 'PersonnelChangesPage');
const PersonnelPage = lazyPage(() => import('./pages/personnel/PersonnelPage'), 'PersonnelPage');
const ExtensionsPage = lazyPage(() => import('./pages/personnel/ExtensionsPage'), 'ExtensionsPage');
const NotificationsPage = lazyPage(() => import('./pages/notifications/NotificationsPage'), 'NotificationsPage');
const GuidePage = lazyPage(() => import('./pages/guide/GuidePage'), 'GuidePage');
const MyRegistrationsPage = lazyPage(() => import('./pages/registrations/MyRegistrationsPage'), 'MyRegistrationsPage');
const RegistrationFormPage = lazyPage(() => import('./pages/registrations/RegistrationFormPage'), 'RegistrationFormPage');
const EmployerChangesPage = lazyPage(() => import('./pages/review/EmployerChangesPage'), 'EmployerChangesPage');
const ReviewQueuePage = lazyPage(() => import('./pages/review/ReviewQueuePage'), 'ReviewQueuePage');
const HoursReachedPage = lazyPage(() => import('./pages/review/HoursReachedPage'), 'HoursReachedPage');
const CoursesPage = lazyPage(() => import('./pages/courses/CoursesPage'), 'CoursesPage');
const LessonPage = lazyPage(() => import('./pages/study/LessonPage'), 'LessonPage');
const StudyPage = lazyPage(() => import('./pages/study/StudyPage'), 'StudyPage');
const ExamSessionsPage = lazyPage(() => import('./pages/exams/ExamSessionsPage'), 'ExamSessionsPage');
const MyExamsPage = lazyPage(() => import('./pages/exams/MyExamsPage'), 'MyExamsPage');
const VerifyTicketPage = lazyPage(() => import('./pages/exams/VerifyTicketPage'), 'VerifyTicketPage');
const SecurityPolicyPage = lazyPage(() => import('./pages/settings/SecurityPolicyPage'), 'SecurityPolicyPage');
const CertificatesPage = lazyPage(() => import('./pages/certificates/CertificatesPage'), 'CertificatesPage');
const MyCertificatesPage = lazyPage(() => import('./pages/certificates/MyCertificatesPage'), 'MyCertificatesPage');
const IdentityConfirmationsPage = lazyPage(
  () => import('./pages/identity/IdentityConfirmationsPage'),
  'IdentityConfirmationsPage',
);
const NationalReportsPage = lazyPage(() => import('./pages/national/NationalReportsPage'), 'NationalReportsPage');
const QualifiedListsPage = lazyPage(() => import('./pages/certificates/QualifiedListsPage'), 'QualifiedListsPage');
const EnterpriseRosterPage = lazyPage(() => import('./pages/registry/EnterpriseRosterPage'), 'EnterpriseRosterPage');
const RegistryPage = lazyPage(() => import('./pages/registry/RegistryPage'), 'RegistryPage');
const VerifyCertificatePage = lazyPage(() => import('./pages/registry/VerifyCertificatePage'), 'VerifyCertificatePage');

/** Signed-in pages: anonymous visitors go to the login page, forced password changes go first, then forced second-factor enrolment. */
function RequireLogin({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { data, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <Spin fullscreen />;
  const me = data?.account;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (!me.mustChangePassword && me.mustEnrolTwoFactor && location.pathname !== '/two-factor')
    return <Navigate to="/two-factor" replace />;
  if (roles && !roles.includes(me.role)) return <NotFoundPage />;
  return <>{children}</>;
}

export function AppRoutes() {
  const navigate = useNavigate();
  const setMe = useSetMe();
  useEffect(() => {
    setAuthProblemHandler((code) => {
      if (code === 'SESSION_EXPIRED') {
        setMe(null);
        navigate('/login?expired=1', { replace: true });
      } else if (code === 'PASSWORD_CHANGE_REQUIRED') navigate('/change-password', { replace: true });
      else if (code === 'TWO_FACTOR_ENROLMENT_REQUIRED') navigate('/two-factor', { replace: true });
    });
  }, [navigate, setMe]);

  const inShell = (page: ReactNode, roles?: Role[]) => (
    <RequireLogin roles={roles}>
      <AppLayout>{page}</AppLayout>
    </RequireLogin>
  );
  return (
    <Suspense fallback={<Spin fullscreen />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/" element={inShell(<HomePage />)} />
        <Route path="/change-password" element={inShell(<ChangePasswordPage />)} />
        <Route path="/two-factor" element={inShell(<TwoFactorPage />)} />
        <Route path="/registrations" element={inShell(<MyRegistrationsPage />, ['candidate'])} />
        <Route path="/registrations/new" element={inShell(<RegistrationFormPage />, ['candidate'])} />
        <Route path="/registrations/:id/edit" element={inShell(<RegistrationFormPage />, ['candidate'])} />
        <Route path="/employer/registrations" element={inShell(<EmployerQueuePage />, ['enterprise'])} />
        <Route path="/employer/exam-results" element={inShell(<ExamResultsPage />, ['enterprise'])} />
        <Route path="/filings" element={inShell(<FilingsPage />, ['enterprise', 'city', 'province'])} />
        <Route path="/personnel" element={inShell(<PersonnelPage />, ['enterprise'])} />
        <Route path="/extensions" element={inShell(<ExtensionsPage />, ['enterprise', 'city', 'province'])} />
        <Route path="/personnel-changes" element={inShell(<PersonnelChangesPage />, ['enterprise', 'city', 'province'])} />
        <Route path="/review/registrations" element={inShell(<ReviewQueuePage />, ['city', 'province'])} />
        <Route path="/review/employer-changes" element={inShell(<EmployerChangesPage />, ['city', 'province'])} />
        <Route path="/study" element={inShell(<StudyPage />, ['candidate'])} />
        <Route path="/study/lessons/:id" element={inShell(<LessonPage />, ['candidate'])} />
        <Route path="/courses" element={inShell(<CoursesPage />, ['training', 'province'])} />
        <Route path="/review/hours" element={inShell(<HoursReachedPage />, ['city', 'province'])} />
        <Route path="/exams" element={inShell(<MyExamsPage />, ['candidate'])} />
        <Route path="/exam-sessions" element={inShell(<ExamSessionsPage />, ['city', 'province'])} />
        <Route path="/verify/ticket/:id" element={<VerifyTicketPage />} />
        <Route path="/qualified-lists" element={inShell(<QualifiedListsPage />, ['city', 'province'])} />
        <Route path="/national-reports" element={inShell(<NationalReportsPage />, ['city', 'province'])} />
        <Route path="/certificates" element={inShell(<CertificatesPage />, ['city', 'province', 'enterprise'])} />
        <Route path="/my-certificates" element={inShell(<MyCertificatesPage />, ['candidate'])} />
        <Route path="/identity-confirmations" element={inShell(<IdentityConfirmationsPage />, ['enterprise', 'city'])} />
        <Route path="/registry" element={<RegistryPage />} />
        <Route path="/registry/enterprises/:id" element={<EnterpriseRosterPage />} />
        <Route path="/verify/cert/:token" element={<VerifyCertificatePage />} />
        <Route path="/notifications" element={inShell(<NotificationsPage />)} />
        <Route path="/guide" element={inShell(<GuidePage />)} />
        <Route path="/accounts" element={inShell(<AccountsPage />, ['province', 'city', 'sysadmin'])} />
        <Route path="/exam-clients" element={inShell(<ExamClientsPage />, ['city'])} />
        <Route path="/audit" element={inShell(<AuditPage />, ['auditadmin'])} />
        <Route path="/security-policy" element={inShell(<SecurityPolicyPage />, ['secadmin'])} />
        <Route path="/province" element={inShell(<ProvincePage />, ['province'])} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
