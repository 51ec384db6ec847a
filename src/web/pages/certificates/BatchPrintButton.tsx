import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Result } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { PrintProgress } from '../../api/types';

/** 批量打印: starts the background job, shows its progress, then offers the one PDF of the whole list. */
export function BatchPrintButton({ listId, title }: { listId: string; title: string }) {
  const { message } = App.useApp();
  const [job, setJob] = useState<PrintProgress | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api<PrintProgress>('GET', `/api/print-jobs/${job.id}`));
      } catch (err) {
        message.error(errorMessage(err, '查询打印进度失败'));
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [job, message]);

  const start = async () => {
    setStarting(true);
    try {
      const started = await api<{ jobId: string; total: number }>('POST', `/api/qualified-lists/${listId}/print-jobs`);
      setJob({ id: started.jobId, status: 'running', total: started.total, done: 0, error: null });
    } catch (err) {
      message.error(errorMessage(err, '无法开始打印'));
    } finally {
      setStarting(false);
    }
  };

  const percent = job ? Math.floor((job.done / Math.max(job.total, 1)) * 100) : 0;
  return (
    <>
      <Button size="small" type="link" icon={<PrinterOutlined />} loading={starting} onClick={start}>
        批量打印证书
      </Button>
      <Modal open={!!job} title={`批量打印：${title}`} footer={null} onCancel={() => setJob(null)} destroyOnHidden>
        {job?.status === 'running' && (
          <div style={{ textAlign: 'center', padding: 16 }}>
            <Progress type="circle" percent={percent} />
            <p style={{ marginTop: 12 }}>
              正在生成证书 {job.done} / {job.total}，可关闭此窗口，生成不会中断
            </p>
          </div>
        )}
        {job?.status === 'done' && (
          <Result
            status="success"
            title={`已生成 ${job.total} 本证书`}
            subTitle="一个PDF文件，每本证书一页，可直接打印"
            extra={
              <Button type="primary" href={`/api/print-jobs/${job.id}/pdf`} target="_blank" rel="noopener">
                打开证书PDF
              </Button>
            }
          />
        )}
        {job?.status === 'failed' && (
          <Result
            status="error"
            title="生成失败"
            subTitle={job.error ?? '请稍后重试'}
            extra={<Button onClick={start}>重试</Button>}
          />
        )}
      </Modal>
    </>
  );
}
