import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Badge, Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useMe, useSetMe } from '../auth';
import { menuEntryAt } from './page-title';
import { menuFor } from '../menus';
import type { Notification } from '../api/types';
import { useTodos } from '../api/use-todos';
import { NOTIFICATIONS_KEY } from '../pages/notifications/notifications-key';

const { Header, Sider, Content } = Layout;

/** Side menu on wide screens; on a phone the same menu opens in a drawer from the header. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { data } = useMe();
  const me = data!.account!;
  const navigate = useNavigate();
  const location = useLocation();
  const setMe = useSetMe();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The side menu folds to its icons (remembered on this computer) to give wide tables the room.
  const [collapsed, setCollapsedState] = useState(() => localStorage.getItem('agt.menu.collapsed') === '1');
  const setCollapsed = (value: boolean) => {
    setCollapsedState(value);
    localStorage.setItem('agt.menu.collapsed', value ? '1' : '0');
  };
  const { data: notes } = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => api<{ unread: number; rows: Notification[] }>('GET', '/api/notifications?pageSize=1'),
    refetchInterval: 60_000,
  });
  // Menu entries with waiting work carry its count (the same figures as the home page's to-do list).
  const todos = useTodos();
  const waiting = new Map<string, number>();
  for (const t of todos)
    if (t.count > 0 && t.key !== 'expiringCertificates') waiting.set(t.menu, (waiting.get(t.menu) ?? 0) + t.count);
  const items = menuFor(me.role).map((m) => ({
    key: m.path,
    icon: m.icon,
    label: waiting.get(m.path) ? (
      <Space size={6}>
        {m.label}
        <Badge count={waiting.get(m.path)} size="small" overflowCount={999} />
      </Space>
    ) : (
      m.label
    ),
  }));

  // Where we are, for the breadcrumb (the deepest menu entry the address starts with; none on the home page).
  const here = menuEntryAt(me.role, location.pathname);

  const logout = () =>
    modal.confirm({
      title: '确认退出登录？',
      okText: '退出',
      cancelText: '取消',
      onOk: async () => {
        try {
          // Leaving never waits on a slow server: after 5 s the page signs out on this side anyway.
          await Promise.race([api('POST', '/api/auth/logout'), new Promise((resolve) => setTimeout(resolve, 5000))]);
        } catch {
          // The session may already be gone (expired, ended elsewhere): leaving never fails on this side.
        } finally {
          // Nothing of this account stays in memory for whoever signs in next on this computer.
          queryClient.clear();
          setMe(null);
          navigate('/login', { replace: true });
        }
      },
    });

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[location.pathname]}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
    />
  );
  const brand = (
    <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>安管通</div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Sider
          width={220}
          theme="dark"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          collapsedWidth={64}
          // The menu stays in view and scrolls on its own; the fold button below it never covers an entry.
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto', paddingBottom: 48 }}
        >
          {collapsed ? (
            <div style={{ color: '#fff', padding: '16px 0', textAlign: 'center', fontSize: 18, fontWeight: 600 }}>安</div>
          ) : (
            brand
          )}
          {menu}
        </Sider>
      )}
      {!wide && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {brand}
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
          }}
        >
          <Space>
            {!wide && <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />}
            <Typography.Text strong>{screens.md ? '建设工程安管人员管理系统' : '安管通'}</Typography.Text>
          </Space>
          <Space size="middle">
            <Badge count={notes?.unread ?? 0} size="small">
              <Button
                type="text"
                icon={<BellOutlined />}
                aria-label="站内消息"
                data-testid="bell"
                onClick={() => navigate('/notifications')}
              />
            </Badge>
            <Dropdown
              menu={{
                items: [
                  { key: 'pw', label: '修改密码', onClick: () => navigate('/change-password') },
                  { key: 'two-factor', label: '双因素认证', onClick: () => navigate('/two-factor') },
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
          </Space>
        </Header>
        <Content style={{ margin: screens.md ? 24 : 12 }}>
          {here && (
            <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/">首页</Link> }, { title: here.label }]} />
          )}
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
