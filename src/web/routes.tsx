import { Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Role } from '../shared/domain/roles';
import { setAuthProblemHandler } from './api/client';
import { useMe, useSetMe } from './auth';
import { AppLayout } from './layout/AppLayout';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { AuditPage } from './pages/audit/AuditPage';
import { ChangePasswordPage } from './pages/auth/ChangePasswordPage';
import { LoginPage } from './pages/auth/LoginPage';
import { RegisterPage } from './pages/auth/RegisterPage';
import { TwoFactorPage } from './pages/auth/TwoFactorPage';
import { ExamClientsPage } from './pages/exam-clients/ExamClientsPage';
import { HomePage } from './pages/home/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProvincePage } from './pages/settings/ProvincePage';
import { EmployerQueuePage } from './pages/employer/EmployerQueuePage';
import { ExamResultsPage } from './pages/employer/ExamResultsPage';
import { FilingsPage } from './pages/filings/FilingsPage';
import { PersonnelChangesPage } from './pages/personnel/PersonnelChangesPage';
import { PersonnelPage } from './pages/personnel/PersonnelPage';
import { ExtensionsPage } from './pages/personnel/ExtensionsPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { MyRegistrationsPage } from './pages/registrations/MyRegistrationsPage';
import { RegistrationFormPage } from './pages/registrations/RegistrationFormPage';
import { EmployerChangesPage } from './pages/review/EmployerChangesPage';
import { ReviewQueuePage } from './pages/review/ReviewQueuePage';
import { HoursReachedPage } from './pages/review/HoursReachedPage';
import { CoursesPage } from './pages/courses/CoursesPage';
import { LessonPage } from './pages/study/LessonPage';
import { StudyPage } from './pages/study/StudyPage';
import { ExamSessionsPage } from './pages/exams/ExamSessionsPage';
import { MyExamsPage } from './pages/exams/MyExamsPage';
import { VerifyTicketPage } from './pages/exams/VerifyTicketPage';
import { SecurityPolicyPage } from './pages/settings/SecurityPolicyPage';
import { CertificatesPage } from './pages/certificates/CertificatesPage';
import { MyCertificatesPage } from './pages/certificates/MyCertificatesPage';
import { IdentityConfirmationsPage } from './pages/identity/IdentityConfirmationsPage';
import { QualifiedListsPage } from './pages/certificates/QualifiedListsPage';
import { EnterpriseRosterPage } from './pages/registry/EnterpriseRosterPage';
import { RegistryPage } from './pages/registry/RegistryPage';
import { VerifyCertificatePage } from './pages/registry/VerifyCertificatePage';

/** Signed-in pages: anonymous visitors go to the login page, forced password changes go first, then forced second-factor enrolment. */
function RequireLogin({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { data, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <Spin fullscreen />;
  const me = data?.account;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (!me.mustChangePassword && me.mustEnrolTwoFactor && location.pathname !== '/two-factor') return <Navigate to="/two-factor" replace />;
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
      <Route path="/certificates" element={inShell(<CertificatesPage />, ['city', 'province', 'enterprise'])} />
      <Route path="/my-certificates" element={inShell(<MyCertificatesPage />, ['candidate'])} />
      <Route path="/identity-confirmations" element={inShell(<IdentityConfirmationsPage />, ['enterprise', 'city'])} />
      <Route path="/registry" element={<RegistryPage />} />
      <Route path="/registry/enterprises/:id" element={<EnterpriseRosterPage />} />
      <Route path="/verify/cert/:token" element={<VerifyCertificatePage />} />
      <Route path="/notifications" element={inShell(<NotificationsPage />)} />
      <Route path="/accounts" element={inShell(<AccountsPage />, ['province', 'city', 'sysadmin'])} />
      <Route path="/exam-clients" element={inShell(<ExamClientsPage />, ['city'])} />
      <Route path="/audit" element={inShell(<AuditPage />, ['auditadmin'])} />
      <Route path="/security-policy" element={inShell(<SecurityPolicyPage />, ['secadmin'])} />
      <Route path="/province" element={inShell(<ProvincePage />, ['province'])} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
