import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card of the login and registration pages; full width on a phone. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg,#1f5fbf 0%,#173f7a 100%)',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 12,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <SafetyCertificateOutlined style={{ fontSize: 36, color: '#1f5fbf' }} />
          <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
            建设工程安管人员管理系统
          </Typography.Title>
          <Typography.Text type="secondary">{title}</Typography.Text>
        </div>
        {children}
      </Card>
    </div>
  );
}
