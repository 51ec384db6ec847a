import { CameraOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Image, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { fileUrl, uploadFile } from '../api/files';
import { WebcamCapture } from './WebcamCapture';

type Props = {
  kind: 'photo' | 'diploma' | 'qualification' | 'medical' | 'certificate';
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Offer the webcam as well as a file (the 1-inch photo). */
  camera?: boolean;
  disabled?: boolean;
};

/** One uploaded scan or photo: choose a file (or take a picture), see what the server kept. */
export function FileField({ kind, value, onChange, camera, disabled }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [mime, setMime] = useState<string | null>(null);
  const [shooting, setShooting] = useState(false);

  const send = async (blob: Blob, name: string) => {
    setBusy(true);
    try {
      const r = await uploadFile(kind, blob, name);
      setMime(r.mimeType);
      onChange?.(r.id);
      message.success('上传成功');
    } catch (err) {
      message.error(errorMessage(err, '上传失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" data-testid={`file-${kind}`}>
      {value &&
        (mime === 'application/pdf' ? (
          <a href={fileUrl(value)} target="_blank" rel="noreferrer">
            <FilePdfOutlined /> 已上传 PDF，点击查看
          </a>
        ) : (
          <Image
            src={fileUrl(value)}
            width={kind === 'photo' ? 107 : 160}
            alt="已上传"
            fallback=""
            onError={() => setMime('application/pdf')}
          />
        ))}
      {!disabled && (
        <Space wrap>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            showUploadList={false}
            customRequest={({ file }) => void send(file as Blob, (file as File).name)}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {value ? '重新上传' : '选择文件'}
            </Button>
          </Upload>
          {camera && (
            <Button icon={<CameraOutlined />} onClick={() => setShooting(true)}>
              拍照
            </Button>
          )}
        </Space>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {kind === 'photo' ? '白底正面免冠近照，JPG/PNG，系统自动裁剪为一寸照' : 'PDF、JPG 或 PNG，不超过10MB'}
      </Typography.Text>
      {camera && (
        <WebcamCapture
          open={shooting}
          onClose={() => setShooting(false)}
          onCapture={(blob) => {
            setShooting(false);
            void send(blob, 'webcam.jpg');
          }}
        />
      )}
    </Space>
  );
}
