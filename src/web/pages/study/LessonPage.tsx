import { CameraOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { uploadCapture } from '../../api/files';
import { minutes } from '../../components/StudyProgressPanel';

type Lesson = {
  id: string;
  title: string;
  kind: 'video' | 'document';
  durationSeconds: number;
  body: string | null;
  hasVideo: boolean;
};
type Capture = { id: string; dueAt: string; windowEndsAt: string };
type Start = {
  sessionId: string;
  tookOverAnotherDevice: boolean;
  furthestSeconds: number;
  durationSeconds: number;
  capture: Capture | null;
};
type Beat = {
  credited: number;
  positionRefused: boolean;
  furthestSeconds: number;
  lessonCreditedSeconds: number;
  todayCreditedSeconds: number;
  capture: Capture | null;
  refused: { seconds: number; reason: string }[];
};

/**
 * The study page. Time is the server's: this page only reports what it sees
 * (position, playing, visible) about every 30 s, and takes a webcam snapshot
 * when the server says one is due.
 */
export function LessonPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const heartbeatMs = Math.max(2, Number(params.get('hb') ?? 30)) * 1000;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { data: lesson } = useQuery({ queryKey: ['lesson', id], queryFn: () => api<Lesson>('GET', `/api/study/lessons/${id}`) });
  const player = useRef<HTMLVideoElement>(null);
  const camera = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const session = useRef<string | null>(null);
  const furthest = useRef(0);
  const reading = useRef({ started: false, elapsed: 0 });
  const [cameraState, setCameraState] = useState<'asking' | 'ready' | 'none'>('asking');
  const [stopped, setStopped] = useState<string | null>(null);
  const [status, setStatus] = useState<{ lesson: number; today: number; note: string }>({ lesson: 0, today: 0, note: '准备中' });
  const [captureState, setCaptureState] = useState<string>('等待抓拍');
  const [readingStarted, setReadingStarted] = useState(false);

  // Camera first: without one, no hours can be earned, and the page says so.
  useEffect(() => {
    let cancelled = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: 640, height: 480 } })
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream.current = s;
        if (camera.current) {
          camera.current.srcObject = s;
          void camera.current.play();
        }
        setCameraState('ready');
      })
      .catch(() => setCameraState('none'));
    return () => {
      cancelled = true;
      stream.current?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  const capture = useCallback(async (c: Capture) => {
    // The camera may still be warming up when the first request comes: wait for a frame (≤ 10 s).
    for (let i = 0; i < 50 && !camera.current?.videoWidth; i++) await new Promise((r) => setTimeout(r, 200));
    const v = camera.current;
    if (!v || !v.videoWidth) {
      setCaptureState('摄像头没有画面，无法抓拍');
      return;
    }
    setCaptureState('正在抓拍…');
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return;
    try {
      await uploadCapture(c.id, blob);
      setCaptureState(`已抓拍 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`);
    } catch (err) {
      setCaptureState(`抓拍上传失败：${errorMessage(err)}`);
    }
  }, []);

  const position = () => (lesson?.kind === 'video' ? Math.floor(player.current?.currentTime ?? 0) : reading.current.elapsed);
  const playing = () =>
    lesson?.kind === 'video' ? !!player.current && !player.current.paused && !player.current.ended : reading.current.started;

  const beat = useCallback(async () => {
    if (!session.current || stopped) return;
    try {
      const r = await api<Beat>('POST', `/api/study/sessions/${session.current}/heartbeat`, {
        position: position(),
        playing: playing(),
        visible: document.visibilityState === 'visible',
      });
      furthest.current = Math.max(furthest.current, r.furthestSeconds);
      if (r.positionRefused && player.current) player.current.currentTime = furthest.current;
      const note =
        r.credited > 0
          ? `计时中（本次 +${r.credited} 秒）`
          : r.refused[0]
            ? `未计时：${REFUSAL[r.refused[0].reason] ?? r.refused[0].reason}`
            : '计时中';
      setStatus({ lesson: r.lessonCreditedSeconds, today: r.todayCreditedSeconds, note });
      if (r.capture) await capture(r.capture);
    } catch (err) {
      setStopped(errorMessage(err));
    }
  }, [capture, stopped, lesson]);

  // Start the session once the camera is on; the first snapshot is due at once.
  useEffect(() => {
    if (cameraState !== 'ready' || !lesson || session.current) return;
    api<Start>('POST', `/api/study/lessons/${lesson.id}/start`)
      .then(async (s) => {
        session.current = s.sessionId;
        furthest.current = s.furthestSeconds;
        if (s.tookOverAnotherDevice) message.info('已在本设备继续学习，其他设备上的学习已停止计时');
        if (player.current && s.furthestSeconds > 0) player.current.currentTime = s.furthestSeconds;
        setStatus((st) => ({ ...st, note: '已开始' }));
        if (s.capture) await capture(s.capture);
      })
      .catch((err) => setStopped(errorMessage(err)));
  }, [cameraState, lesson, capture, message]);

  useEffect(() => {
    const timer = setInterval(() => void beat(), heartbeatMs);
    const reader = setInterval(() => {
      if (reading.current.started && document.visibilityState === 'visible') reading.current.elapsed += 1;
    }, 1000);
    return () => {
      clearInterval(timer);
      clearInterval(reader);
    };
  }, [beat, heartbeatMs]);

  useEffect(() => () => void queryClient.invalidateQueries({ queryKey: ['study-overview'] }), [queryClient]);

  if (!lesson) return <Card loading />;
  return (
    <Card title={lesson.title} extra={<Button onClick={() => navigate('/study')}>返回课程</Button>}>
      {cameraState === 'none' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="未检测到摄像头或未允许使用摄像头"
          description="按规定在线学习须随机抓拍本人照片，没有摄像头无法计入学时。请连接摄像头并在浏览器中允许使用后刷新页面。"
        />
      )}
      {stopped && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={stopped} data-testid="study-stopped" />}
      {lesson.kind === 'video' ? (
        <video
          ref={player}
          src={`/api/study/lessons/${lesson.id}/video`}
          controls
          controlsList="nodownload noplaybackrate"
          disablePictureInPicture
          playsInline
          data-testid="lesson-video"
          style={{ width: '100%', maxHeight: 480, background: '#000' }}
          onTimeUpdate={(e) => {
            furthest.current = Math.max(furthest.current, Math.min(e.currentTarget.currentTime, furthest.current + 2));
          }}
          onSeeking={(e) => {
            // The player may not seek past the furthest point watched.
            if (e.currentTarget.currentTime > furthest.current + 1) e.currentTarget.currentTime = furthest.current;
          }}
        />
      ) : (
        <div>
          {!readingStarted && (
            <Button
              type="primary"
              disabled={cameraState !== 'ready'}
              onClick={() => {
                reading.current.started = true;
                setReadingStarted(true);
              }}
            >
              开始阅读
            </Button>
          )}
          <Typography style={{ marginTop: 16, whiteSpace: 'pre-wrap', lineHeight: 1.9, fontSize: 16 }}>{lesson.body}</Typography>
        </div>
      )}
      <Space wrap align="start" style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="本课时长">{minutes(lesson.durationSeconds)}</Descriptions.Item>
          <Descriptions.Item label="本课已计">
            <span data-testid="lesson-credited">{minutes(status.lesson)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="今日已计">{minutes(status.today)}</Descriptions.Item>
          <Descriptions.Item label="计时状态">
            <Tag data-testid="study-note">{status.note}</Tag>
          </Descriptions.Item>
          <Descriptions.Item
            label={
              <>
                <CameraOutlined /> 抓拍
              </>
            }
          >
            <span data-testid="capture-state">{captureState}</span>
          </Descriptions.Item>
        </Descriptions>
        <video
          ref={camera}
          muted
          playsInline
          style={{ width: 160, borderRadius: 6, background: '#000' }}
          aria-label="摄像头画面"
        />
      </Space>
    </Card>
  );
}

const REFUSAL: Record<string, string> = {
  gap: '间隔过长',
  hidden: '页面不在前台',
  paused: '未在播放',
  position_jump: '进度跳跃',
  capture_missing: '等待抓拍',
  lesson_complete: '本课学时已满',
  daily_cap: '已达今日上限',
};
