import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client';
import { postFileWithProgress } from '../../api/files';

type Row = {
  row: number;
  name: string;
  maskedIdNumber: string;
  category: string;
  number: string;
  issuedOn: string;
  expiresOn: string;
  ok: boolean;
  message: string;
};
type Preview = { total: number; bad: number; rows: Row[] };

/** 批量备案: template → upload → a verdict per row → import all at once (or nothing). */
export function FilingImport() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<{ percent: number; what: string } | null>(null);

  const post = async <T,>(url: string, f: File, what: string): Promise<T | null> => {
    setProgress({ percent: 0, what });
    try {
      return await postFileWithProgress<T>(url, f, (percent) => setProgress({ percent, what }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : '导入失败');
      return null;
    } finally {
      setProgress(null);
    }
  };
  const check = async (f: File) => {
    const p = await post<Preview>('/api/filings/import/preview', f, '检查');
    if (p) {
      setFile(f);
      setPreview(p);
    }
  };
  const commit = async () => {
    const r = await post<{ imported: number }>('/api/filings/import/commit', file!, '导入');
    if (!r) return;
    message.success(`已导入 ${r.imported} 条备案，等待主管部门核验`);
    setPreview(null);
    await queryClient.invalidateQueries({ queryKey: ['filings'] });
  };
  const progressBlock = progress && (
    <div style={{ maxWidth: 420, margin: '8px 0' }} data-testid="import-progress">
      <Progress percent={progress.percent} size="small" status="active" />
      <span style={{ color: '#888' }}>
        {progress.percent < 100
          ? `正在上传备案文件（${progress.what}）…`
          : `上传完成，正在逐行${progress.what}，大文件需要一些时间…`}
      </span>
    </div>
  );

  return (
    <>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/filings/template')}>
          下载备案模板
        </Button>
        <Upload accept=".xlsx" showUploadList={false} customRequest={({ file: f }) => void check(f as File)}>
          <Button icon={<UploadOutlined />} loading={!!progress && !preview}>
            批量导入
          </Button>
        </Upload>
      </Space>
      {!preview && progressBlock}
      <Modal
        open={!!preview}
        title="备案导入预览"
        width={960}
        onCancel={() => setPreview(null)}
        okText="确认导入"
        cancelText="取消"
        onOk={commit}
        okButtonProps={{ disabled: (preview?.bad ?? 1) > 0, loading: !!progress }}
        destroyOnHidden
      >
        {progressBlock}
        {preview &&
          (preview.bad > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={`共 ${preview.total} 行，其中 ${preview.bad} 行有错误，请修正文件后重新上传；有错误时不会导入任何一行`}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={`共 ${preview.total} 行，全部检查通过，确认后一次性导入`}
            />
          ))}
        <Table<Row>
          rowKey="row"
          size="small"
          dataSource={preview?.rows ?? []}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 900 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '姓名', dataIndex: 'name' },
            { title: '身份证号', dataIndex: 'maskedIdNumber' },
            { title: '类别', dataIndex: 'category', width: 60 },
            { title: '证书编号', dataIndex: 'number' },
            { title: '发证日期', dataIndex: 'issuedOn' },
            { title: '有效期至', dataIndex: 'expiresOn' },
            {
              title: '检查结果',
              render: (_, r) => (
                <Tag color={r.ok ? 'green' : 'red'} style={{ whiteSpace: 'normal' }}>
                  {r.message}
                </Tag>
              ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
