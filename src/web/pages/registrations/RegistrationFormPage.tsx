import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Steps,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  categoryLabel,
  EDUCATION_LEVELS,
  isSafetyCategory,
  SAFETY_CATEGORIES,
  TITLE_LEVELS,
  WORK_TYPES,
  type CategoryCode,
  type Education,
  type Title,
} from '../../../shared/domain/categories';
import { checkEligibility, type EligibilityInput } from '../../../shared/domain/eligibility';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Jurisdiction, RegistrationView } from '../../api/types';
import { useMe } from '../../auth';
import { EnterpriseSelect } from '../../components/EnterpriseSelect';
import { FileField } from '../../components/FileField';

type Values = {
  kind: 'safety' | 'special';
  category?: CategoryCode;
  otherWorkTypeName?: string;
  jurisdictionCode?: string;
  enterpriseId?: string | null;
  education?: Education;
  title?: Title;
  job?: string;
  experienceYears?: number | null;
  qualificationNumber?: string;
  medicalExamDate?: dayjs.Dayjs | null;
  photoFileId?: string | null;
  diplomaFileId?: string | null;
  qualificationFileId?: string | null;
  medicalFileId?: string | null;
};

const STEPS = ['报考信息', '身份信息', '基本情况', '上传材料', '确认提交'];
/** Which fields each step owns, so the eligibility rules can speak where the field is. */
const STEP_FIELDS: (keyof EligibilityInput)[][] = [
  ['category', 'otherWorkTypeName', 'age'],
  ['photoFileId'],
  ['education', 'title', 'enterpriseId', 'experienceYears', 'qualificationNumber', 'medicalExamDate'],
  ['diplomaFileId', 'qualificationFileId', 'medicalFileId'],
  [],
];

const today = () => dayjs().format('YYYY-MM-DD');

function toBody(v: Values) {
  return {
    category: v.category,
    otherWorkTypeName: v.otherWorkTypeName ?? null,
    jurisdictionCode: v.jurisdictionCode,
    enterpriseId: v.enterpriseId ?? null,
    education: v.education ?? null,
    title: v.title ?? null,
    job: v.job ?? null,
    experienceYears: v.experienceYears ?? null,
    qualificationNumber: v.qualificationNumber ?? null,
    medicalExamDate: v.medicalExamDate ? v.medicalExamDate.format('YYYY-MM-DD') : null,
    photoFileId: v.photoFileId ?? null,
    diplomaFileId: v.diplomaFileId ?? null,
    qualificationFileId: v.qualificationFileId ?? null,
    medicalFileId: v.medicalFileId ?? null,
  };
}

/** 在线报名: one form in steps; each step is saved as a draft, submission re-checks everything on the server. */
export function RegistrationFormPage() {
  const { id: routeId } = useParams();
  const me = useMe().data!.account!;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [id, setId] = useState<string | undefined>(routeId);
  const [saving, setSaving] = useState(false);
  const [serverProblems, setServerProblems] = useState<{ field: string; message: string }[]>([]);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const { data: jurisdictions } = useQuery({
    queryKey: ['jurisdictions'],
    queryFn: () => api<Jurisdiction[]>('GET', '/api/jurisdictions'),
  });
  const { data: existing, isLoading } = useQuery({
    queryKey: ['registration', routeId],
    queryFn: () => api<RegistrationView>('GET', `/api/registrations/${routeId}`),
    enabled: !!routeId,
  });

  useEffect(() => {
    if (!existing) return;
    form.setFieldsValue({
      kind: isSafetyCategory(existing.category) ? 'safety' : 'special',
      category: existing.category as CategoryCode,
      otherWorkTypeName: existing.otherWorkTypeName ?? undefined,
      jurisdictionCode: existing.jurisdictionCode,
      enterpriseId: existing.enterpriseId,
      education: (existing.education as Education) ?? undefined,
      title: (existing.title as Title) ?? undefined,
      job: existing.job ?? undefined,
      experienceYears: existing.experienceYears,
      qualificationNumber: existing.qualificationNumber ?? undefined,
      medicalExamDate: existing.medicalExamDate ? dayjs(existing.medicalExamDate) : null,
      photoFileId: existing.photoFileId,
      diplomaFileId: existing.diplomaFileId,
      qualificationFileId: existing.qualificationFileId,
      medicalFileId: existing.medicalFileId,
    });
  }, [existing, form]);

  const values = Form.useWatch([], form) as Values | undefined;
  const kind = values?.kind ?? 'safety';
  const category = values?.category;
  const problems = useMemo(() => {
    if (!category || me.age === null) return [];
    const v = toBody(values ?? { kind });
    return checkEligibility({ ...v, category, age: me.age } as EligibilityInput, today());
  }, [values, category, kind, me.age]);
  const problemOf = (field: keyof EligibilityInput) => problems.find((p) => p.field === field);
  /** Shown while filling: a rule broken by what was entered, not the reminder for an empty field. */
  const hint = (field: keyof Values & keyof EligibilityInput) => {
    const p = problemOf(field);
    const filled = values?.[field] !== undefined && values?.[field] !== null && values?.[field] !== '';
    return p && filled ? { validateStatus: 'warning' as const, help: p.message } : {};
  };

  if (routeId && isLoading) return <Spin />;
  if (existing && !existing.policies.edit?.allowed) {
    return (
      <Result
        status="info"
        title="该报名当前不能修改"
        subTitle={`状态：${existing.statusLabel}。审核前如需修改请先在“在线报名”中撤回。`}
        extra={<Button onClick={() => navigate('/registrations')}>返回</Button>}
      />
    );
  }
  if (submitted) {
    return (
      <Result
        status="success"
        title="报名已提交"
        subTitle={
          submitted === 'awaiting_employer'
            ? '请等待工作单位确认劳动关系和年度安全培训，然后由主管部门审核。'
            : '请等待主管部门审核。'
        }
        extra={
          <Button type="primary" onClick={() => navigate('/registrations')}>
            查看我的报名
          </Button>
        }
      />
    );
  }

  const save = async (): Promise<string | null> => {
    const v = form.getFieldsValue(true) as Values;
    if (!v.category || !v.jurisdictionCode) {
      await form.validateFields(['category', 'jurisdictionCode']);
      return null;
    }
    setSaving(true);
    try {
      const body = toBody(v);
      const r = id
        ? await api<{ id: string }>('PUT', `/api/registrations/${id}`, body)
        : await api<{ id: string }>('POST', '/api/registrations', body);
      setId(r.id);
      await queryClient.invalidateQueries({ queryKey: ['my-registrations'] });
      return r.id;
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      message.error(errorMessage(err, '保存失败'));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const next = async () => {
    if (await save()) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };

  const submit = async () => {
    const saved = await save();
    if (!saved) return;
    setSaving(true);
    try {
      const r = await api<{ status: string }>('POST', `/api/registrations/${saved}/submit`);
      setSubmitted(r.status);
    } catch (err) {
      if (err instanceof ApiError) {
        setServerProblems(err.details ?? [{ field: err.field ?? '', message: err.message }]);
        message.error(err.message);
      }
    } finally {
      setSaving(false);
    }
  };

  const isSpecial = kind === 'special';
  const stepProblems = problems.filter(
    (p) => STEP_FIELDS[step].includes(p.field) && (p.field === 'age' || p.field === 'otherWorkTypeName'),
  );

  return (
    <Card title={id ? '修改报名' : '在线报名'}>
      {existing?.status === 'returned' && (
        <Alert
          style={{ marginBottom: 16 }}
          type="error"
          showIcon
          title={`报名已被${existing.returnedByRole === 'enterprise' ? '工作单位' : '主管部门'}退回`}
          description={`原因：${existing.returnReason}`}
        />
      )}
      <Steps
        current={step}
        size="small"
        responsive
        style={{ marginBottom: 24 }}
        items={STEPS.map((title) => ({ title }))}
        onChange={(s) =>
          void (async () => {
            if (await save()) setStep(s);
          })()
        }
      />
      <Form form={form} layout="vertical" initialValues={{ kind: 'safety' }} style={{ maxWidth: 640 }}>
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Form.Item name="kind" label="报考类型">
            <Radio.Group
              optionType="button"
              onChange={() => form.setFieldsValue({ category: undefined })}
              options={[
                { value: 'safety', label: '三类人员' },
                { value: 'special', label: '特种作业人员' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={isSpecial ? '工种' : '报考类别'}
            rules={[{ required: true, message: isSpecial ? '请选择工种' : '请选择报考类别' }]}
            {...hint('category')}
          >
            <Select
              placeholder="请选择"
              options={Object.entries(isSpecial ? WORK_TYPES : SAFETY_CATEGORIES).map(([code]) => ({
                value: code,
                label: categoryLabel(code),
              }))}
            />
          </Form.Item>
          {category === '99' && (
            <Form.Item name="otherWorkTypeName" label="工种名称" rules={[{ required: true, message: '请填写工种名称' }]}>
              <Input maxLength={30} />
            </Form.Item>
          )}
          <Form.Item name="jurisdictionCode" label="报往地区" rules={[{ required: true, message: '请选择报往地区' }]}>
            <Select placeholder="请选择" options={jurisdictions?.map((j) => ({ value: j.code, label: j.name }))} />
          </Form.Item>
        </div>
        <div style={{ display: step === 1 ? 'block' : 'none' }}>
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{me.maskedIdNumber}</Descriptions.Item>
            <Descriptions.Item label="年龄">{me.age} 周岁（由身份证号得出）</Descriptions.Item>
            <Descriptions.Item label="性别">{me.gender === 'male' ? '男' : '女'}</Descriptions.Item>
          </Descriptions>
          <Form.Item name="photoFileId" label="一寸照片" required>
            <FileField kind="photo" camera />
          </Form.Item>
        </div>
        <div style={{ display: step === 2 ? 'block' : 'none' }}>
          <Form.Item name="education" label="文化程度" required {...hint('education')}>
            <Select placeholder="请选择" options={EDUCATION_LEVELS.map((e) => ({ value: e.value, label: e.label }))} />
          </Form.Item>
          <Form.Item name="title" label="专业技术职称" required {...hint('title')}>
            <Select placeholder="请选择" options={TITLE_LEVELS.map((t) => ({ value: t.value, label: t.label }))} />
          </Form.Item>
          <Form.Item
            name="enterpriseId"
            label="工作单位"
            required={!isSpecial}
            extra={!isSpecial ? '三类人员须由工作单位确认劳动关系和年度安全生产教育培训' : '如有工作单位请选择'}
          >
            <EnterpriseSelect
              initialLabel={existing?.enterpriseName ? `${existing.enterpriseName}（${existing.enterpriseCreditCode}）` : null}
            />
          </Form.Item>
          <Form.Item name="job" label="岗位">
            <Input maxLength={30} placeholder="如：安全员、项目经理" />
          </Form.Item>
          {!isSpecial && (
            <Form.Item name="experienceYears" label="从事施工管理工作年限" {...hint('experienceYears')}>
              <InputNumber min={0} max={60} precision={0} suffix="年" style={{ width: 160 }} />
            </Form.Item>
          )}
          {category === 'B' && (
            <Form.Item name="qualificationNumber" label="注册执业资格证书编号" required {...hint('qualificationNumber')}>
              <Input maxLength={40} placeholder="如注册建造师证书编号" />
            </Form.Item>
          )}
          {isSpecial && (
            <Form.Item
              name="medicalExamDate"
              label="体检日期"
              required
              {...hint('medicalExamDate')}
              extra="县级以上医院出具，须在报名前3个月内"
            >
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 200 }} />
            </Form.Item>
          )}
        </div>
        <div style={{ display: step === 3 ? 'block' : 'none' }}>
          {!isSpecial && (
            <Form.Item name="diplomaFileId" label="毕业证扫描件" required>
              <FileField kind="diploma" />
            </Form.Item>
          )}
          {category === 'B' && (
            <Form.Item name="qualificationFileId" label="注册建造师证扫描件" required>
              <FileField kind="qualification" />
            </Form.Item>
          )}
          {isSpecial && (
            <Form.Item name="medicalFileId" label="体检表扫描件" required>
              <FileField kind="medical" />
            </Form.Item>
          )}
        </div>
        {step === 4 && (
          <div data-testid="review-step">
            <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="报考类别">
                {category ? categoryLabel(category, values?.otherWorkTypeName) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="报往地区">
                {jurisdictions?.find((j) => j.code === values?.jurisdictionCode)?.name ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="文化程度">
                {EDUCATION_LEVELS.find((e) => e.value === values?.education)?.label ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="专业技术职称">
                {TITLE_LEVELS.find((e) => e.value === values?.title)?.label ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            {problems.length > 0 || serverProblems.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                title="以下条件尚未满足，暂不能提交"
                data-testid="eligibility-problems"
                description={
                  <List
                    size="small"
                    dataSource={(serverProblems.length ? serverProblems : problems).map((p) => p.message)}
                    renderItem={(m) => <List.Item>{m}</List.Item>}
                  />
                }
              />
            ) : (
              <Alert type="success" showIcon title="已满足报名条件，可以提交" />
            )}
          </div>
        )}
        {stepProblems.map((p) => (
          <Alert key={p.field} style={{ marginBottom: 16 }} type="warning" showIcon title={p.message} />
        ))}
        <Space wrap style={{ marginTop: 8 }}>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>上一步</Button>}
          <Button
            onClick={() =>
              void save().then((r) => {
                if (r) message.success('草稿已保存');
              })
            }
            loading={saving}
          >
            保存草稿
          </Button>
          {step < STEPS.length - 1 && (
            <Button type="primary" onClick={() => void next()} loading={saving}>
              下一步
            </Button>
          )}
          {step === STEPS.length - 1 && (
            <Button type="primary" onClick={() => void submit()} loading={saving} disabled={problems.length > 0}>
              提交报名
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
