import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, toQuery } from '../../api/client';
import type { Notification } from '../../api/types';
import { formatDateTime } from '../../format';

import { NOTIFICATIONS_KEY } from './notifications-key';

/** 站内消息: review decisions and other notices for the signed-in account. */
export function NotificationsPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, page],
    queryFn: () =>
      api<{ total: number; unread: number; rows: Notification[] }>('GET', `/api/notifications${toQuery({ page, pageSize: 20 })}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const open = async (n: Notification) => {
    if (!n.readAt) await api('POST', `/api/notifications/${n.id}/read`);
    await refresh();
    if (n.link) navigate(n.link);
  };
  return (
    <Card
      title="站内消息"
      extra={
        <Button disabled={!data?.unread} onClick={() => void api('POST', '/api/notifications/read-all').then(refresh)}>
          全部标为已读
        </Button>
      }
    >
      <List
        loading={isFetching}
        dataSource={data?.rows}
        locale={{ emptyText: '暂无消息' }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage }}
        renderItem={(n) => (
          <List.Item data-testid="notification" style={{ cursor: 'pointer' }} onClick={() => void open(n)}>
            <List.Item.Meta
              title={
                <Badge dot={!n.readAt} offset={[6, 0]}>
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Badge>
              }
              description={
                <>
                  {n.body}
                  <br />
                  <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
