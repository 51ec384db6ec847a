import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { CATEGORY_CODES, categoryLabel } from '../../../shared/domain/categories';
import { checkFiling } from '../../../shared/domain/legacy-filing';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { FileField } from '../../components/FileField';
import { beijingToday } from '../../format';

type Values = {
  name: string;
  idNumber: string;
  category: string;
  otherWorkTypeName?: string;
  number: string;
  issuedOn: Dayjs;
  expiresOn: Dayjs;
  scanFileId: string;
};
const today = beijingToday;

/** 原持证人员信息备案, one certificate: the same rules as the server, checked as the form is filled. */
export function FilingFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);

  const submitting = useAction((body: Record<string, unknown>, request) => api('POST', '/api/filings', body, request), {
    idempotent: true,
    form,
    success: '已提交备案，等待主管部门核验',
    invalidates: [['filings']],
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
  });
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      issuedOn: v.issuedOn.format('YYYY-MM-DD'),
      expiresOn: v.expiresOn.format('YYYY-MM-DD'),
      otherWorkTypeName: v.otherWorkTypeName || null,
    };
    const checked = checkFiling(body, today());
    if (!checked.ok) {
      form.setFields(checked.problems.map((p) => ({ name: p.field as keyof Values, errors: [p.message] })));
      return;
    }
    await submitting.run(body);
  };

  return (
    <Modal
      open={open}
      title="原持证人员信息备案"
      okText="提交备案"
      cancelText="取消"
      onOk={submit}
      confirmLoading={submitting.pending}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          rules={[
            { required: true, message: '请填写身份证号' },
            { len: 18, message: '身份证号应为18位' },
          ]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="category" label="类别/工种" rules={[{ required: true, message: '请选择类别/工种' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }))}
          />
        </Form.Item>
        {category === '99' && (
          <Form.Item name="otherWorkTypeName" label="工种名称" rules={[{ required: true, message: '请填写工种名称' }]}>
            <Input maxLength={30} />
          </Form.Item>
        )}
        <Form.Item
          name="number"
          label="证书编号"
          rules={[{ required: true, message: '请填写证书编号' }]}
          extra="如 吉建安C2（2023）0001234 或 吉A012023000123"
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: '请选择发证日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="expiresOn" label="有效期至" rules={[{ required: true, message: '请选择有效期至' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="scanFileId" label="证书扫描件" rules={[{ required: true, message: '请上传证书扫描件' }]}>
          <FileField kind="certificate" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
