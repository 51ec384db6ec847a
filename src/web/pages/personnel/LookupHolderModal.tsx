import { App, Button, Empty, Form, Input, List, Modal, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage, toQuery } from '../../api/client';
import type { HolderRow } from '../../api/types';

/** 读取原有证人员信息: find a holder by ID number or certificate number, then apply to take them in (调入). */
export function LookupHolderModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [by, setBy] = useState<'idNumber' | 'number'>('idNumber');
  const [rows, setRows] = useState<HolderRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const search = async (value: string) => {
    if (!value.trim()) return;
    setBusy(true);
    try {
      setRows((await api<{ rows: HolderRow[] }>('GET', `/api/personnel/lookup${toQuery({ [by]: value })}`)).rows);
    } catch (err) {
      message.error(errorMessage(err, '查询失败'));
    } finally {
      setBusy(false);
    }
  };
  const apply = (c: HolderRow) =>
    modal.confirm({
      title: `申请调入 ${c.name}（${c.number}）？`,
      content: (
        <Form form={reasonForm} layout="vertical" style={{ marginTop: 12 }}>
          <p>提交后该证书显示为“办理转出”，原单位会收到通知，由本企业所在地主管部门审核。</p>
          <Form.Item name="reason" label="调入原因" rules={[{ required: true, min: 2, message: '请填写调入原因' }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder="如：已与本企业签订劳动合同" />
          </Form.Item>
        </Form>
      ),
      okText: '提交申请',
      cancelText: '取消',
      onOk: async () => {
        const { reason } = await reasonForm.validateFields();
        try {
          await api('POST', '/api/personnel-changes', { kind: 'transfer', certificateId: c.id, reason });
          message.success('调入申请已提交：须持证人在系统中同意，再经主管部门审核');
          reasonForm.resetFields();
          onClose();
        } catch (err) {
          message.error(errorMessage(err, '提交失败'));
          throw err;
        }
      },
    });

  return (
    <Modal open={open} title="读取原有证人员信息" footer={null} onCancel={onClose} destroyOnHidden width={640}>
      <Segmented
        value={by}
        onChange={(v) => {
          setBy(v as 'idNumber' | 'number');
          setRows(null);
        }}
        options={[
          { value: 'idNumber', label: '按身份证号' },
          { value: 'number', label: '按证书编号' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Input.Search
        placeholder={by === 'idNumber' ? '18位身份证号' : '如 吉建安C2（2026）0000001'}
        enterButton="读取"
        loading={busy}
        onSearch={search}
        maxLength={40}
        allowClear
      />
      {rows &&
        (rows.length === 0 ? (
          <Empty style={{ marginTop: 16 }} description="未找到持证信息" />
        ) : (
          <List
            style={{ marginTop: 12 }}
            dataSource={rows}
            renderItem={(c) => (
              <List.Item
                actions={[
                  c.ours ? (
                    <Tag key="ours" color="blue">
                      本企业人员
                    </Tag>
                  ) : (
                    <Button key="apply" type="link" disabled={c.status !== 'valid'} onClick={() => apply(c)}>
                      申请调入
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={`${c.name} · ${c.number}`}
                  description={`${c.maskedIdNumber} · ${c.categoryLabel} · ${c.enterpriseName ?? '无单位'} · ${c.statusLabel} · 有效期至 ${c.expiresOn}`}
                />
              </List.Item>
            )}
          />
        ))}
    </Modal>
  );
}
