import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Table } from 'antd';
import { api, download } from '../../api/client';
import type { QualifiedListDetail } from '../../api/types';

type Row = QualifiedListDetail['rows'][number];

/** The people of one 合格名单 with scores and, once confirmed, certificate numbers. */
export function QualifiedListDrawer({ listId, onClose }: { listId: string | null; onClose: () => void }) {
  const { data, isFetching } = useQuery({
    queryKey: ['qualified-list', listId],
    enabled: !!listId,
    queryFn: () => api<QualifiedListDetail>('GET', `/api/qualified-lists/${listId}`),
  });
  return (
    <Drawer
      open={!!listId}
      onClose={onClose}
      size={Math.min(960, window.innerWidth)}
      title={data?.list.title ?? '合格名单'}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/qualified-lists/${listId}/export`)}>
          导出Excel
        </Button>
      }
    >
      {data?.list.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`退回原因：${data.list.returnReason}`} />
      )}
      <Table<Row>
        rowKey="applicationId"
        size="small"
        loading={isFetching}
        dataSource={data?.rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '准考证号', dataIndex: 'ticketNumber' },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'maskedIdNumber' },
          { title: '类别/工种', dataIndex: 'categoryLabel' },
          { title: '工作单位', dataIndex: 'enterpriseName', render: (v) => v ?? '—' },
          { title: '理论', dataIndex: 'theory', render: (v) => v ?? '—' },
          { title: '实操', dataIndex: 'practical', render: (v) => v ?? '—' },
          { title: '证书编号', dataIndex: 'certificateNumber', render: (v) => v ?? '—' },
        ]}
      />
    </Drawer>
  );
}
