import { FileTextOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, List, Progress, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { SECONDS_PER_STUDY_HOUR } from '../../shared/domain/study-rules';
import { api } from '../api/client';
import type { StudyProgress } from '../api/types';

export const minutes = (s: number) => `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒`;

/** Hours done against hours required, and per lesson, from the ledger; `action` adds a button per lesson. */
export function StudyProgressView({ p, action }: { p: StudyProgress; action?: (lessonId: string) => ReactNode }) {
  const percent = Math.min(100, Math.round((p.doneSeconds / (p.requiredHours * SECONDS_PER_STUDY_HOUR)) * 100));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        已完成 <b data-testid="done-hours">{p.doneHours}</b> / {p.requiredHours} 学时（1 学时 = 45 分钟）
        {p.reached && '，已达到要求学时'}
      </Typography.Text>
      <Progress percent={percent} status={p.reached ? 'success' : 'active'} />
      {p.courses.length === 0 ? (
        <Empty description="该类别暂无已发布的课程" />
      ) : (
        p.courses.map((c) => (
          <div key={c.id}>
            <Typography.Text strong>{c.title}</Typography.Text>
            <List
              size="small"
              dataSource={c.lessons}
              renderItem={(l) => (
                <List.Item actions={action ? [action(l.id)] : undefined}>
                  <List.Item.Meta
                    title={
                      <>
                        {l.kind === 'video' ? <PlayCircleOutlined /> : <FileTextOutlined />} {l.title}
                      </>
                    }
                    description={`已计 ${minutes(l.creditedSeconds)} / 时长 ${minutes(l.durationSeconds)}`}
                  />
                </List.Item>
              )}
            />
          </div>
        ))
      )}
    </Space>
  );
}

export function StudyProgressPanel({ registrationId }: { registrationId: string }) {
  const { data, isLoading } = useQuery({
    queryKey: ['progress', registrationId],
    queryFn: () => api<StudyProgress>('GET', `/api/registrations/${registrationId}/progress`),
  });
  if (isLoading || !data) return <Skeleton active />;
  return <StudyProgressView p={data} />;
}
