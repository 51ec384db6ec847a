import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useMe, useSetMe } from '../auth';
import { menuFor } from '../menus';

const { Header, Sider, Content } = Layout;

export function AppLayout({ children }: { children: ReactNode }) {
  const { data } = useMe();
  const me = data!.account!;
  const navigate = useNavigate();
  const location = useLocation();
  const setMe = useSetMe();
  const { modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const items = menuFor(me.role).map((m) => ({ key: m.path, icon: m.icon, label: m.label }));

  const logout = () =>
    modal.confirm({
      title: '确认退出登录？',
      okText: '退出',
      cancelText: '取消',
      onOk: async () => {
        await api('POST', '/api/auth/logout');
        setMe(null);
        navigate('/login', { replace: true });
      },
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={220} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>安管通</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[location.pathname]}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text strong style={{ marginLeft: screens.lg ? 0 : 40 }}>
            {screens.md ? '建设工程安管人员管理系统' : ''}
          </Typography.Text>
          <Dropdown
            menu={{
              items: [
                { key: 'pw', label: '修改密码', onClick: () => navigate('/change-password') },
                { key: 'logout', label: '退出登录', icon: <LogoutOutlined />, onClick: logout },
              ],
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} />
              <span>{me.displayName}</span>
              {screens.sm && <Typography.Text type="secondary">{me.roleLabel}</Typography.Text>}
            </Space>
          </Dropdown>
        </Header>
        <Content style={{ margin: screens.md ? 24 : 12 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
