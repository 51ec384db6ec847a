import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, toQuery } from '../api/client';
import type { Enterprise } from '../api/types';

/** Employer chosen among registered enterprises, by 统一社会信用代码 or name. */
export function EnterpriseSelect({
  value,
  onChange,
  initialLabel,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  initialLabel?: string | null;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['enterprise-search', q],
    queryFn: () => api<Enterprise[]>('GET', `/api/enterprises/search${toQuery({ q })}`),
    enabled: q.trim().length >= 2,
  });
  const options = (data ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}，${e.jurisdictionName}）` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder="输入统一社会信用代码或企业名称（至少2个字）搜索"
      notFoundContent={q.trim().length >= 2 ? (isFetching ? '搜索中…' : '未找到，请确认企业已在本系统注册') : '请输入至少2个字'}
      options={options}
    />
  );
}
