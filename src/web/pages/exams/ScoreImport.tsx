import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client';
import { postFileWithProgress } from '../../api/files';

type Row = {
  row: number;
  ticketNumber: string;
  name: string;
  theory: number | 'absent' | null;
  practical: number | 'absent' | null;
  ok: boolean;
  message: string;
  change: 'new' | 'same' | 'changed' | null;
};
const CHANGE = {
  new: { label: '新增', color: 'green' },
  same: { label: '无变化', color: 'default' },
  changed: { label: '更正', color: 'orange' },
};
const show = (v: Row['theory']) => (v === 'absent' ? '缺考' : (v ?? '—'));

/** 网页导入: download the template, upload the filled file, read every row's verdict, then confirm. */
export function ScoreImport({ sessionId }: { sessionId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  /** Upload progress of the file being sent; 100 while the server reads and checks the rows. */
  const [progress, setProgress] = useState<{ percent: number; what: string } | null>(null);
  const post = async <T,>(url: string, f: File, what: string): Promise<T> => {
    setProgress({ percent: 0, what });
    try {
      return await postFileWithProgress<T>(url, f, (percent) => setProgress({ percent, what }));
    } finally {
      setProgress(null);
    }
  };
  const bad = rows?.filter((r) => !r.ok).length ?? 0;

  const preview = async (f: File) => {
    setBusy(true);
    try {
      setRows((await post<{ rows: Row[] }>(`/api/exam-sessions/${sessionId}/score-import/preview`, f, '检查')).rows);
      setFile(f);
    } catch (err) {
      message.error(err instanceof Error ? err.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    setBusy(true);
    try {
      const r = await post<{ imported: number; changed: number }>(
        `/api/exam-sessions/${sessionId}/score-import/commit`,
        file!,
        '导入',
      );
      message.success(`已导入 ${r.imported} 行，其中 ${r.changed} 行有变化`);
      setRows(null);
      await queryClient.invalidateQueries({ queryKey: ['applicants'] });
    } catch (err) {
      message.error(err instanceof Error ? err.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };

  const progressBlock = progress && (
    <div style={{ maxWidth: 420, margin: '8px 0' }} data-testid="import-progress">
      <Progress percent={progress.percent} size="small" status="active" />
      <span style={{ color: '#888' }}>
        {progress.percent < 100
          ? `正在上传成绩文件（${progress.what}）…`
          : `上传完成，正在逐行${progress.what}，大文件需要几秒钟…`}
      </span>
    </div>
  );

  return (
    <>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/exam-sessions/${sessionId}/score-template`)}>
          下载成绩模板
        </Button>
        <Upload accept=".xlsx" showUploadList={false} customRequest={({ file: f }) => void preview(f as File)}>
          <Button icon={<UploadOutlined />} loading={busy}>
            导入特种作业成绩
          </Button>
        </Upload>
      </Space>
      {!rows && progressBlock}
      <Modal
        open={!!rows}
        title="成绩导入预览"
        width={860}
        onCancel={() => setRows(null)}
        okText="确认导入"
        cancelText="取消"
        onOk={commit}
        okButtonProps={{ disabled: bad > 0, loading: busy }}
        destroyOnHidden
      >
        {progressBlock}
        {bad > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={`有 ${bad} 行错误，请修正文件后重新上传；有错误时不会导入任何成绩`}
          />
        ) : (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title="全部行检查通过，确认后一次性导入；重复导入同一文件不会改变任何成绩"
          />
        )}
        <Table<Row>
          rowKey="row"
          size="small"
          dataSource={rows ?? []}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 700 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 50 },
            { title: '准考证号', dataIndex: 'ticketNumber' },
            { title: '姓名', dataIndex: 'name' },
            { title: '理论', dataIndex: 'theory', render: show },
            { title: '实操', dataIndex: 'practical', render: show },
            {
              title: '检查结果',
              render: (_, r) =>
                r.ok ? <Tag color={CHANGE[r.change!].color}>{CHANGE[r.change!].label}</Tag> : <Tag color="red">{r.message}</Tag>,
            },
          ]}
        />
      </Modal>
    </>
  );
}
