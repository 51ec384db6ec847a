import { Alert, App, Button, Card, Empty, Form, Input, List, Tabs } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, toQuery } from '../../api/client';
import type { PublicCertificate } from '../../api/types';
import { PublicCertificateCard } from './PublicCertificateCard';
import { PublicLayout } from './PublicLayout';

type EnterpriseHit = { id: string; name: string; creditCode: string; certified: number };

/** 诚信平台人员库: by certificate number, by name together with ID number, or an enterprise's people. */
export function RegistryPage() {
  const { message } = App.useApp();
  const [certs, setCerts] = useState<PublicCertificate[] | null>(null);
  const [enterprises, setEnterprises] = useState<EnterpriseHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [byNumber] = Form.useForm<{ number: string }>();
  const [byPerson] = Form.useForm<{ name: string; idNumber: string }>();

  const searchCertificates = async (query: Record<string, string>) => {
    setBusy(true);
    try {
      setCerts((await api<{ rows: PublicCertificate[] }>('GET', `/api/public/certificates${toQuery(query)}`)).rows);
    } catch (err) {
      message.error(errorMessage(err, '查询失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };
  const searchEnterprises = async (q: string) => {
    setBusy(true);
    try {
      setEnterprises((await api<{ rows: EnterpriseHit[] }>('GET', `/api/public/enterprises${toQuery({ q })}`)).rows);
    } catch (err) {
      message.error(errorMessage(err, '查询失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  const results =
    certs &&
    (certs.length === 0 ? (
      <Empty description="未查询到证书，请核对输入的信息" />
    ) : (
      certs.map((c) => <PublicCertificateCard key={c.number} c={c} />)
    ));

  return (
    <PublicLayout>
      <Card title="人员证书查询">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="可按证书编号查询，或同时输入姓名和身份证号查询；不支持仅按姓名查询。扫描证书上的二维码可直接核验。"
        />
        <Tabs
          onChange={() => {
            setCerts(null);
            setEnterprises(null);
          }}
          items={[
            {
              key: 'number',
              label: '按证书编号',
              children: (
                <Form form={byNumber} layout="vertical" onFinish={(v) => searchCertificates({ number: v.number })}>
                  <Form.Item name="number" label="证书编号" rules={[{ required: true, message: '请输入证书编号' }]}>
                    <Input placeholder="如 吉建安C2（2026）0000001 或 吉A012026000001" maxLength={40} allowClear />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} block>
                    查询
                  </Button>
                </Form>
              ),
            },
            {
              key: 'person',
              label: '按姓名和身份证号',
              children: (
                <Form
                  form={byPerson}
                  layout="vertical"
                  onFinish={(v) => searchCertificates({ name: v.name, idNumber: v.idNumber })}
                >
                  <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
                    <Input maxLength={30} />
                  </Form.Item>
                  <Form.Item
                    name="idNumber"
                    label="身份证号"
                    rules={[
                      { required: true, message: '请输入身份证号' },
                      { len: 18, message: '身份证号应为18位' },
                    ]}
                  >
                    <Input maxLength={18} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} block>
                    查询
                  </Button>
                </Form>
              ),
            },
            {
              key: 'enterprise',
              label: '查企业人员',
              children: (
                <>
                  <Input.Search
                    placeholder="企业名称（至少2个字）或统一社会信用代码"
                    enterButton="查询"
                    loading={busy}
                    onSearch={searchEnterprises}
                    maxLength={60}
                  />
                  {enterprises && (
                    <List
                      style={{ marginTop: 12 }}
                      dataSource={enterprises}
                      locale={{ emptyText: '未找到企业' }}
                      renderItem={(e) => (
                        <List.Item extra={<Link to={`/registry/enterprises/${e.id}`}>查看持证人员</Link>}>
                          <List.Item.Meta title={e.name} description={`${e.creditCode} · 有效证书 ${e.certified} 本`} />
                        </List.Item>
                      )}
                    />
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      {results && <div style={{ marginTop: 12 }}>{results}</div>}
    </PublicLayout>
  );
}
