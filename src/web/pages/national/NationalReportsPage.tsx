import { Alert, Button, Card, Col, Row, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { NationalReportList, NationalReportRow } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useListQuery } from '../../api/use-list-query';
import { ActionButton } from '../../components/ActionButton';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../layout/page-title';
import { CertificateDrawer } from '../certificates/CertificateDrawer';
import { NATIONAL_COLORS } from '../certificates/status-colors';

/**
 * 全国平台上报: how the feed to the 全国工程质量安全监管信息平台 stands — reported,
 * waiting, retrying after an outage, refused — and the reports that need someone,
 * each with the platform's words and 重新上报.
 */
export function NationalReportsPage() {
  const title = usePageTitle();
  const list = useListQuery<NationalReportRow, 'status'>({
    url: '/api/national-reports',
    queryKey: 'national-reports',
    paged: true,
    filters: { status: '' },
  });
  const answer = list.answer as NationalReportList | undefined;
  const [viewing, setViewing] = useState<string | null>(null);
  const retry = useAction((certificateId: string) => api('POST', `/api/certificates/${certificateId}/national-retry`, {}), {
    success: '已重新排队上报',
    invalidates: [['national-reports'], ['certificates']],
  });
  const counts = answer?.counts;

  return (
    <Card title={title}>
      {answer && !answer.connected && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="尚未连接全国平台"
          description="系统管理员设置 NATIONAL_PLATFORM_URL 及接口凭证后，待上报的数据会按发生顺序自动上报；在此之前所有证书事件都保留为“待上报”，不会丢失。"
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title="已上报" value={counts?.sent ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="待上报" value={counts?.pending ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="重试中" value={counts?.retrying ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="上报失败"
            value={counts?.failed ?? 0}
            styles={{ content: { color: counts?.failed ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {counts?.oldestPendingAt && (
        <Typography.Paragraph type="secondary">
          最早一条待上报数据产生于 {formatDateTime(counts.oldestPendingAt)}。
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={list.filter.status || ''}
          onChange={(status) => list.setFilter({ status: String(status) })}
          options={[
            { value: '', label: '全部未完成' },
            { value: 'failed', label: '上报失败' },
            { value: 'pending', label: '待上报' },
          ]}
        />
      </Space>
      <ListTable<NationalReportRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.rows}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有待处理的上报数据，全部已上报' }}
        pagination={list.pagination}
        columns={[
          { title: '证书编号', dataIndex: 'number', width: 200, priority: 'id' },
          { title: '姓名', dataIndex: 'name', width: 90, priority: 'id' },
          { title: '业务', dataIndex: 'label', width: 200 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 90,
            priority: 'state',
            render: (label: string, r) => <Tag color={NATIONAL_COLORS[r.status]}>{label}</Tag>,
          },
          {
            title: '原因',
            dataIndex: 'lastError',
            render: (v: string | null, r) =>
              v ? (
                <span style={{ color: r.status === 'failed' ? '#cf1322' : undefined }}>
                  {v}
                  {r.nextAttemptAt && `（${formatDateTime(r.nextAttemptAt)} 自动重试）`}
                </span>
              ) : (
                '—'
              ),
          },
          { title: '产生时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'op',
            width: 150,
            priority: 'actions',
            render: (_, r) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setViewing(r.certificateId)}>
                  证书详情
                </Button>
                <ActionButton
                  size="small"
                  type="link"
                  policy={r.policies.nationalRetry}
                  onClick={() => retry.run(r.certificateId)}
                >
                  重新上报
                </ActionButton>
              </Space>
            ),
          },
        ]}
      />
      <CertificateDrawer id={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
