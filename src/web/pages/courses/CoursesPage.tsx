import { FileTextOutlined, PlayCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Checkbox,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { categoryLabel, SAFETY_CATEGORIES, WORK_TYPES } from '../../../shared/domain/categories';
import { api, csrfToken, errorMessage } from '../../api/client';
import type { ManagedCourse } from '../../api/types';
import { minutes } from '../../components/StudyProgressPanel';
import { useAction } from '../../api/use-action';

const CATEGORY_OPTIONS = [...Object.keys(SAFETY_CATEGORIES), ...Object.keys(WORK_TYPES)].map((c) => ({
  value: c,
  label: categoryLabel(c),
}));

/** Reads a video file's length in the browser, so the author need not type it. */
function videoDuration(file: File): Promise<number> {
  return new Promise((resolve) => {
    const v = document.createElement('video');
    v.preload = 'metadata';
    v.onloadedmetadata = () => {
      resolve(Math.round(v.duration));
      URL.revokeObjectURL(v.src);
    };
    v.onerror = () => resolve(0);
    v.src = URL.createObjectURL(file);
  });
}

/** 课程管理 for training institutions and the province: courses, lessons (video or text), category plans, publishing. */
export function CoursesPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { data, isFetching } = useQuery({
    queryKey: ['managed-courses'],
    queryFn: () => api<ManagedCourse[]>('GET', '/api/courses/managed'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['managed-courses'] });
  const [creating, setCreating] = useState(false);
  const [addingTo, setAddingTo] = useState<ManagedCourse | null>(null);
  const [courseForm] = Form.useForm<{ title: string; description?: string; categories: string[]; continuing?: boolean }>();
  const [lessonForm] = Form.useForm<{ kind: 'video' | 'document'; title: string; body?: string; minutes?: number }>();
  const [video, setVideo] = useState<{ file: File; seconds: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', lessonForm) ?? 'document';

  const creatingCourse = useAction(
    (v: { title: string; description?: string; categories: string[]; continuing?: boolean }, request) =>
      api('POST', '/api/courses', v, request),
    {
      idempotent: true,
      success: '课程已创建，请添加课时后发布',
      invalidates: [['managed-courses']],
      onSuccess: () => {
        setCreating(false);
        courseForm.resetFields();
      },
    },
  );
  const createCourse = async () => {
    const v = await courseForm.validateFields().catch(() => null);
    if (v) await creatingCourse.run(v);
  };

  const addLesson = async () => {
    const v = await lessonForm.validateFields();
    setBusy(true);
    try {
      if (v.kind === 'video') {
        if (!video) throw new Error('请选择视频文件');
        const form = new FormData();
        form.append('file', video.file, video.file.name);
        const q = new URLSearchParams({ title: v.title, durationSeconds: String(video.seconds) });
        const res = await fetch(`/api/courses/${addingTo!.id}/lessons/video?${q}`, {
          method: 'POST',
          body: form,
          headers: { 'x-csrf-token': csrfToken() },
        });
        if (!res.ok) throw new Error(((await res.json()) as { error: { message: string } }).error.message);
      } else {
        await api('POST', `/api/courses/${addingTo!.id}/lessons/document`, { title: v.title, body: v.body, minutes: v.minutes });
      }
      message.success('课时已添加');
      setAddingTo(null);
      setVideo(null);
      lessonForm.resetFields();
      await refresh();
    } catch (err) {
      message.error(err instanceof Error ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const publishing = useAction(
    ({ c, published }: { c: ManagedCourse; published: boolean }) => api('POST', `/api/courses/${c.id}/publish`, { published }),
    { invalidates: [['managed-courses']] },
  );
  const publish = (c: ManagedCourse, published: boolean) =>
    modal.confirm({
      title: published ? `发布课程「${c.title}」？` : `停用课程「${c.title}」？`,
      content: published ? '发布后，适用类别中审核通过的学员即可学习。' : '停用后学员不能再学习该课程，已计学时保留。',
      okText: published ? '发布' : '停用',
      cancelText: '取消',
      onOk: () => publishing.run({ c, published }),
    });

  return (
    <Card
      title="课程管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建课程
        </Button>
      }
    >
      <Table<ManagedCourse>
        rowKey="id"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: '还没有课程' }}
        expandable={{
          expandedRowRender: (c) => (
            <List
              size="small"
              dataSource={c.lessons}
              locale={{ emptyText: '还没有课时' }}
              renderItem={(l) => (
                <List.Item>
                  {l.kind === 'video' ? <PlayCircleOutlined /> : <FileTextOutlined />} {l.kind === 'video' ? '视频' : '图文'} ·{' '}
                  {l.title}（{minutes(l.durationSeconds)}）
                </List.Item>
              )}
            />
          ),
        }}
        columns={[
          { title: '课程名称', dataIndex: 'title' },
          {
            title: '类型',
            dataIndex: 'continuing',
            render: (c: boolean) => (c ? <Tag color="purple">继续教育</Tag> : <Tag>报考培训</Tag>),
          },
          {
            title: '适用类别',
            dataIndex: 'categories',
            render: (cs: string[]) => (
              <Space wrap size={4}>
                {cs.map((c) => (
                  <Tag key={c}>{c}</Tag>
                ))}
              </Space>
            ),
          },
          { title: '课时数', render: (_, c) => c.lessons.length },
          { title: '总时长', render: (_, c) => minutes(c.totalSeconds) },
          {
            title: '状态',
            dataIndex: 'published',
            render: (p: boolean) => (p ? <Tag color="green">已发布</Tag> : <Tag>未发布</Tag>),
          },
          {
            title: '操作',
            key: 'op',
            render: (_, c) => (
              <Space size="small">
                <Button size="small" type="link" onClick={() => setAddingTo(c)}>
                  添加课时
                </Button>
                <Button size="small" type="link" onClick={() => publish(c, !c.published)}>
                  {c.published ? '停用' : '发布'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title="新建课程"
        okText="创建"
        cancelText="取消"
        onOk={createCourse}
        confirmLoading={creatingCourse.pending}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={courseForm} layout="vertical">
          <Form.Item
            name="title"
            label="课程名称"
            rules={[
              { required: true, message: '请填写课程名称' },
              { min: 2, message: '至少2个字' },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="description" label="课程简介">
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item name="categories" label="适用类别/工种" rules={[{ required: true, message: '请选择适用类别或工种' }]}>
            <Select mode="multiple" optionFilterProp="label" options={CATEGORY_OPTIONS} />
          </Form.Item>
          <Form.Item
            name="continuing"
            valuePropName="checked"
            extra="继续教育课程不计入报考培训学时，由企业为持证人员报名，学时计入证书延期"
          >
            <Checkbox>继续教育课程</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!addingTo}
        title={`添加课时 · ${addingTo?.title ?? ''}`}
        okText="添加"
        cancelText="取消"
        onOk={addLesson}
        okButtonProps={{ loading: busy }}
        onCancel={() => setAddingTo(null)}
        destroyOnHidden
      >
        <Form form={lessonForm} layout="vertical" initialValues={{ kind: 'document', minutes: 10 }}>
          <Form.Item name="kind" label="课时类型">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'document', label: '图文' },
                { value: 'video', label: '视频' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label="课时名称"
            rules={[
              { required: true, message: '请填写课时名称' },
              { min: 2, message: '至少2个字' },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
          {kind === 'video' ? (
            <Form.Item label="视频文件" required extra="MP4 或 WebM，不超过200MB；时长自动读取">
              <Upload
                accept="video/mp4,video/webm"
                maxCount={1}
                beforeUpload={(file) => {
                  void videoDuration(file).then((seconds) => setVideo({ file, seconds }));
                  return false;
                }}
                onRemove={() => setVideo(null)}
              >
                <Button icon={<UploadOutlined />}>选择视频</Button>
              </Upload>
              {video && <Typography.Text type="secondary">时长 {minutes(video.seconds)}</Typography.Text>}
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="body"
                label="正文"
                rules={[
                  { required: true, message: '请填写正文' },
                  { min: 20, message: '至少20个字' },
                ]}
              >
                <Input.TextArea rows={8} />
              </Form.Item>
              <Form.Item name="minutes" label="最短阅读时间（分钟）" rules={[{ required: true, message: '请填写最短阅读时间' }]}>
                <InputNumber min={1} max={240} precision={0} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
