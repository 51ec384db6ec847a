import { Form, Input, Modal, Select } from 'antd';
import { parseCreditCode } from '../../../shared/domain/credit-code';
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { api } from '../../api/client';
import type { Jurisdiction } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useAccount } from '../../auth';

type Values = {
  role: Role;
  username: string;
  displayName: string;
  jurisdictionCode?: string;
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
};

export function CreateAccountModal({
  open,
  jurisdictions,
  issuableRoles,
  onClose,
  onCreated,
}: {
  open: boolean;
  jurisdictions: Jurisdiction[];
  /** What the server says this account may issue. */
  issuableRoles: readonly Role[];
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const { scope } = useAccount();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const isEnterprise = role === 'enterprise';
  // A city issues accounts of its own jurisdiction; the province chooses one for a city or training account.
  const needsJurisdiction = scope === 'province' && (role === 'city' || role === 'training');
  const creating = useAction(
    (values: Values, request) => api<{ username: string; initialPassword: string }>('POST', '/api/accounts', values, request),
    {
      // Not idempotent on purpose: the answer holds the initial password, which is never stored to be replayed.
      form,
      invalidates: [['accounts']],
      onSuccess: (result) => {
        form.resetFields();
        onCreated(result.username, result.initialPassword);
      },
    },
  );
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) await creating.run(values);
  };

  return (
    <Modal
      open={open}
      title="新建账号"
      okText="创建"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: creating.pending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: issuableRoles[0] }}>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={issuableRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={isEnterprise ? '企业名称' : '名称'}
          rules={[
            { required: true, message: isEnterprise ? '请输入企业名称' : '请输入名称' },
            { min: 2, message: '至少2个字符' },
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        {isEnterprise && (
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            normalize={(v: string) => v.toUpperCase().trim()}
            rules={[
              { required: true, message: '请输入统一社会信用代码' },
              {
                validator: async (_, v: string) => {
                  if (v) {
                    const r = parseCreditCode(v);
                    if (!r.ok) throw new Error(r.message);
                  }
                },
              },
            ]}
          >
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item
          name="username"
          label="登录账号"
          extra={isEnterprise ? '留空则使用统一社会信用代码作为账号' : '3至32位小写字母、数字或 _ . -'}
          normalize={(v: string) => v.toLowerCase().trim()}
          rules={[
            { required: !isEnterprise, message: '请输入登录账号' },
            { pattern: /^[a-z0-9][a-z0-9_.-]{2,31}$/, message: '应为3至32位小写字母、数字或 _ . -，以字母或数字开头' },
          ]}
        >
          <Input maxLength={32} />
        </Form.Item>
        {needsJurisdiction && (
          <Form.Item name="jurisdictionCode" label="所属地区" rules={[{ required: role === 'city', message: '请选择所属地区' }]}>
            <Select allowClear options={jurisdictions.map((j) => ({ value: j.code, label: j.name }))} />
          </Form.Item>
        )}
        {isEnterprise && (
          <>
            <Form.Item name="contactName" label="联系人">
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号' }]}>
              <Input maxLength={11} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
