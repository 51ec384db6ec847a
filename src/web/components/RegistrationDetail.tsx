import { Descriptions, Image, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { educationLabel, titleLabel } from '../../shared/domain/categories';
import { fileUrl } from '../api/files';
import type { RegistrationView } from '../api/types';
import { formatDateTime } from '../format';

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  awaiting_employer: 'processing',
  awaiting_authority: 'blue',
  approved: 'green',
  returned: 'red',
};

export function StatusTag({ r }: { r: { status: string; statusLabel: string } }) {
  return <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>;
}

/** An uploaded scan shown inline: images as images, PDFs in a frame. */
function Scan({ id, label }: { id: string | null; label: string }) {
  const [pdf, setPdf] = useState(false);
  if (!id) return <Typography.Text type="secondary">{label}：未上传</Typography.Text>;
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {pdf ? (
          <iframe title={label} src={fileUrl(id)} style={{ width: '100%', height: 420, border: '1px solid #eee' }} />
        ) : (
          <Image src={fileUrl(id)} alt={label} width={label === '一寸照片' ? 107 : 240} onError={() => setPdf(true)} />
        )}
      </div>
    </div>
  );
}

/** Everything a registration says, masked; the scans inline. */
export function RegistrationDetail({ r, extraIdentity }: { r: RegistrationView; extraIdentity?: React.ReactNode }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label="姓名">{r.person.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">
          {r.person.maskedIdNumber} {extraIdentity}
        </Descriptions.Item>
        <Descriptions.Item label="性别">{r.person.gender === 'male' ? '男' : '女'}</Descriptions.Item>
        <Descriptions.Item label="年龄">{r.person.age} 周岁</Descriptions.Item>
        <Descriptions.Item label="手机号">{r.person.maskedPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <StatusTag r={r} />
        </Descriptions.Item>
        <Descriptions.Item label="报考类别" span={2}>
          {r.categoryLabel}
        </Descriptions.Item>
        <Descriptions.Item label="报往地区">{r.jurisdictionName}</Descriptions.Item>
        <Descriptions.Item label="工作单位">
          {r.enterpriseName ? `${r.enterpriseName}（${r.enterpriseCreditCode}）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="文化程度">{r.education ? educationLabel(r.education) : '—'}</Descriptions.Item>
        <Descriptions.Item label="专业技术职称">{r.title ? titleLabel(r.title) : '—'}</Descriptions.Item>
        <Descriptions.Item label="岗位">{r.job ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="施工管理年限">{r.experienceYears ?? '—'}</Descriptions.Item>
        {r.qualificationNumber && <Descriptions.Item label="注册执业资格证书编号">{r.qualificationNumber}</Descriptions.Item>}
        {r.medicalExamDate && <Descriptions.Item label="体检日期">{r.medicalExamDate}</Descriptions.Item>}
        <Descriptions.Item label="企业确认">
          {r.employerConfirmedAt ? `劳动关系 ✓ 年度安全培训 ✓（${formatDateTime(r.employerConfirmedAt)}）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="提交时间">{formatDateTime(r.submittedAt)}</Descriptions.Item>
        {r.returnReason && (
          <Descriptions.Item label="退回原因" span={2}>
            <Typography.Text type="danger">{r.returnReason}</Typography.Text>
          </Descriptions.Item>
        )}
        {r.pendingEmployerChange && (
          <Descriptions.Item label="单位变更申请" span={2}>
            变更为 {r.pendingEmployerChange.toEnterpriseName}，待审核（{r.pendingEmployerChange.reason}）
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap align="start" size="large">
        <Scan id={r.photoFileId} label="一寸照片" />
        {r.diplomaFileId && <Scan id={r.diplomaFileId} label="毕业证" />}
        {r.qualificationFileId && <Scan id={r.qualificationFileId} label="注册建造师证" />}
        {r.medicalFileId && <Scan id={r.medicalFileId} label="体检表" />}
      </Space>
    </Space>
  );
}
