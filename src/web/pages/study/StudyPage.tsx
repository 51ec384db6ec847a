import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Skeleton, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { StudyProgress } from '../../api/types';
import { StudyProgressView } from '../../components/StudyProgressPanel';

/** 在线学习: the course plan of every approved registration, with hours done and required. */
export function StudyPage() {
  const navigate = useNavigate();
  const { data, isLoading } = useQuery({
    queryKey: ['study-overview'],
    queryFn: () => api<StudyProgress[]>('GET', '/api/study/overview'),
  });
  if (isLoading) return <Skeleton active />;
  if (!data?.length) {
    return (
      <Card title="在线学习">
        <Empty description="报名审核通过后即可在这里学习">
          <Button onClick={() => navigate('/registrations')}>查看我的报名</Button>
        </Empty>
      </Card>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {data.map((p) => (
        <Card key={p.registrationId} title={<span style={{ whiteSpace: 'normal' }}>{`在线学习 · ${p.categoryLabel}`}</span>}>
          <StudyProgressView
            p={p}
            action={(lessonId) => (
              <Button type="primary" size="small" onClick={() => navigate(`/study/lessons/${lessonId}`)}>
                学习
              </Button>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
