import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { QualifiedListRow } from '../../api/types';

type CheckAnswer = {
  connected: boolean;
  results: {
    key: string;
    name: string;
    status: 'passed' | 'warning' | 'refused' | 'unreachable';
    statusLabel: string;
    message: string;
  }[];
};
const COLORS = { passed: 'green', warning: 'orange', refused: 'red', unreachable: 'default' } as const;

/** 全国平台查重 of a submitted list, person by person, before the province confirms it. */
export function NationalCheckModal({ list, onClose }: { list: QualifiedListRow | null; onClose: () => void }) {
  const check = useQuery({
    queryKey: ['national-check', list?.id],
    enabled: !!list,
    // Every opening asks the platform again: a holder's national record may have changed since.
    gcTime: 0,
    queryFn: () => api<CheckAnswer>('GET', `/api/qualified-lists/${list!.id}/national-check`),
  });
  const results = check.data?.results ?? [];
  const refused = results.filter((r) => r.status === 'refused').length;
  const unreachable = results.filter((r) => r.status === 'unreachable').length;
  const warned = results.filter((r) => r.status === 'warning').length;
  const verdict = refused
    ? { type: 'error' as const, text: `${refused} 人未通过全国平台查重，请退回名单由地市核实` }
    : unreachable
      ? { type: 'warning' as const, text: `全国平台暂时无法连接，${unreachable} 人未能查重；确认时需填写原因` }
      : warned
        ? { type: 'warning' as const, text: `全部通过，其中 ${warned} 人有预警，请查看说明` }
        : { type: 'success' as const, text: '全部人员通过全国平台查重' };
  return (
    <Modal
      open={!!list}
      title={`全国平台查重：${list?.title ?? ''}`}
      footer={null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      {check.data && !check.data.connected && (
        <Alert type="warning" showIcon title="尚未连接全国平台，无法查重；确认名单时不做全国查重。" />
      )}
      {check.data?.connected && <Alert type={verdict.type} showIcon style={{ marginBottom: 12 }} title={verdict.text} />}
      {check.error && <Alert type="error" showIcon title={(check.error as Error).message} />}
      <Table
        rowKey="key"
        size="small"
        loading={check.isFetching}
        pagination={false}
        dataSource={check.data?.results ?? []}
        locale={{ emptyText: check.isFetching ? '正在向全国平台查重…' : '无结果' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          {
            title: '结果',
            dataIndex: 'statusLabel',
            width: 120,
            render: (label: string, r) => <Tag color={COLORS[r.status]}>{label}</Tag>,
          },
          { title: '全国平台说明', dataIndex: 'message' },
        ]}
      />
    </Modal>
  );
}
