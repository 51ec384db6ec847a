import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { parseCreditCode } from '../../../shared/domain/credit-code';
import { ISSUABLE_ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Jurisdiction } from '../../api/types';
import { useMe } from '../../auth';

type Values = { role: Role; username: string; displayName: string; jurisdictionCode?: string; creditCode?: string; contactName?: string; contactPhone?: string };

export function CreateAccountModal({ open, jurisdictions, onClose, onCreated }: {
  open: boolean;
  jurisdictions: Jurisdiction[];
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const me = useMe().data!.account!;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const issuable = ISSUABLE_ROLES[me.role] ?? [];
  const role = Form.useWatch('role', form);
  const isEnterprise = role === 'enterprise';
  const needsJurisdiction = me.role !== 'city' && (role === 'city' || role === 'training');

  const submit = async () => {
    const values = await form.validateFields();
    setSubmitting(true);
    try {
      const result = await api<{ username: string; initialPassword: string }>('POST', '/api/accounts', values);
      form.resetFields();
      onCreated(result.username, result.initialPassword);
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      else message.error(errorMessage(err, '操作失败'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal open={open} title="新建账号" okText="创建" cancelText="取消" onOk={submit} onCancel={onClose} okButtonProps={{ loading: submitting }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ role: issuable[0] }}>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={issuable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="displayName" label={isEnterprise ? '企业名称' : '名称'} rules={[{ required: true, message: isEnterprise ? '请输入企业名称' : '请输入名称' }, { min: 2, message: '至少2个字符' }]}>
          <Input maxLength={60} />
        </Form.Item>
        {isEnterprise && (
          <Form.Item name="creditCode" label="统一社会信用代码" normalize={(v: string) => v.toUpperCase().trim()}
            rules={[{ required: true, message: '请输入统一社会信用代码' }, { validator: async (_, v: string) => { if (v) { const r = parseCreditCode(v); if (!r.ok) throw new Error(r.message); } } }]}>
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item name="username" label="登录账号" extra={isEnterprise ? '留空则使用统一社会信用代码作为账号' : '3至32位小写字母、数字或 _ . -'}
          normalize={(v: string) => v.toLowerCase().trim()}
          rules={[{ required: !isEnterprise, message: '请输入登录账号' }, { pattern: /^[a-z0-9][a-z0-9_.-]{2,31}$/, message: '应为3至32位小写字母、数字或 _ . -，以字母或数字开头' }]}>
          <Input maxLength={32} />
        </Form.Item>
        {needsJurisdiction && (
          <Form.Item name="jurisdictionCode" label="所属地区" rules={[{ required: role === 'city', message: '请选择所属地区' }]}>
            <Select allowClear options={jurisdictions.map((j) => ({ value: j.code, label: j.name }))} />
          </Form.Item>
        )}
        {isEnterprise && (
          <>
            <Form.Item name="contactName" label="联系人"><Input maxLength={30} /></Form.Item>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号' }]}><Input maxLength={11} /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
