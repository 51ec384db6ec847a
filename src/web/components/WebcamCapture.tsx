import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';

/** Takes one frame from the webcam (no USB ID-card reader or special driver needed). */
export function WebcamCapture({
  open,
  onClose,
  onCapture,
}: {
  open: boolean;
  onClose: () => void;
  onCapture: (blob: Blob) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | undefined;
    setError(null);
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: 640, height: 480 } })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() => setError('无法打开摄像头：请允许浏览器使用摄像头，或改为上传照片文件。'));
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, [open]);

  const shoot = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onCapture(blob), 'image/jpeg', 0.92);
  };

  return (
    <Modal
      open={open}
      title="拍摄一寸照片"
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>
          取消
        </Button>,
        <Button key="s" type="primary" disabled={!!error} onClick={shoot}>
          拍照并上传
        </Button>,
      ]}
    >
      {error ? (
        <Alert type="warning" showIcon title={error} />
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', background: '#000' }} />
      )}
    </Modal>
  );
}
