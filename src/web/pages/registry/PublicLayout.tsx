import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The public pages of the 诚信平台人员库: no menu, no login, readable on a phone. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '0 16px', background: '#173f7a' }}>
        <SafetyCertificateOutlined style={{ fontSize: 22, color: '#fff' }} />
        <Link to="/registry" style={{ color: '#fff', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>
          诚信平台人员库
        </Link>
        <span style={{ flex: 1 }} />
        <Link to="/login" style={{ color: '#cfe0ff' }}>
          登录系统
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 960, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: 12 }}>
        <Typography.Text type="secondary">建设工程安管人员管理系统 · 查询记录会被保存，请勿频繁查询</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
