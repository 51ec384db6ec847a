import { App, Card, Input, Segmented, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import type { Policies } from '../../shared/policies';
import { useAction } from '../api/use-action';
import { useOverrideReason } from './OverrideReason';
import { useListQuery } from '../api/use-list-query';
import { anyDecidable, DecisionButtons } from './DecisionButtons';
import { ListTable, type ListColumn } from './ListTable';
import { usePageTitle } from '../layout/page-title';
import { ReasonModal } from './ReasonModal';

type Decidable = { id: string; policies: Policies<'approve' | 'return'> };

export type DecisionQueueProps<T extends Decidable> = {
  /** Default: the menu entry's label (备案核验 for the city, 原持证人员备案 for the enterprise). */
  title?: string;
  /** The list's API; answers rows, or a page `{ total, rows }`. */
  url: string;
  /** Query key of the list (other screens may refresh it). */
  queryKey: string;
  statuses: { value: string; label: string }[];
  defaultStatus: string;
  columns: ListColumn<T>[];
  emptyText: string;
  /** Things beside the status filter (new request buttons, imports). */
  extra?: ReactNode;
  /** Paging of a list that answers `{ total, rows }`. */
  paged?: boolean;
  /** A search box (its text stays out of the address: names are personal data). */
  search?: { placeholder: string };
  approve: {
    label: string;
    /** The confirmation before approving; `okText` defaults to the label. */
    confirm: (row: T) => { title: string; content?: ReactNode; okText?: string };
    /** `overrideReason` is given when the server asked for one (a national check that could not be made). */
    call: (row: T, overrideReason?: string) => Promise<unknown>;
    success: string | ((answer: unknown) => string);
  };
  reject: {
    label: string;
    title: (row: T) => string;
    call: (row: T, reason: string) => Promise<unknown>;
    success: string;
  };
};

/**
 * The one screen for every pending → approved/returned request an authority
 * decides (延期审核, 人员变更审核, 备案核验, 单位变更审核), and for the requester
 * following them: a status filter kept in the address, the list with its
 * columns pinned, 通过/退回 exactly as each row's policies allow, the approval
 * confirmed first, the return asking its reason, each button guarded against a
 * second click.
 */
export function DecisionQueue<T extends Decidable>(props: DecisionQueueProps<T>) {
  const { modal } = App.useApp();
  const pageTitle = usePageTitle();
  const list = useListQuery<T, 'status'>({
    url: props.url,
    queryKey: props.queryKey,
    filters: { status: props.defaultStatus },
    paged: props.paged,
  });
  const [returning, setReturning] = useState<T | null>(null);
  const rows = list.rows;
  type Approval = { row: T; overrideReason?: string };
  const override = useOverrideReason<Approval>((vars, reason): Promise<unknown> =>
    approving.run({ ...vars, overrideReason: reason }),
  );
  const approving = useAction((v: Approval) => props.approve.call(v.row, v.overrideReason), {
    success: (answer) => (typeof props.approve.success === 'string' ? props.approve.success : props.approve.success(answer)),
    invalidates: [[props.queryKey]],
    onRefused: override.onRefused,
  });
  const returningAction = useAction(({ row, reason }: { row: T; reason: string }) => props.reject.call(row, reason), {
    success: props.reject.success,
    invalidates: [[props.queryKey]],
    onSuccess: () => setReturning(null),
  });
  const approve = (row: T) =>
    modal.confirm({
      okText: props.approve.label,
      ...props.approve.confirm(row),
      cancelText: '取消',
      onOk: () => approving.run({ row }),
    });

  return (
    <Card title={props.title ?? pageTitle} extra={<Space wrap>{props.extra}</Space>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={list.filter.status}
          options={props.statuses}
          onChange={(v) => list.setFilter({ status: v as string })}
        />
        {props.search && (
          <Input.Search
            allowClear
            placeholder={props.search.placeholder}
            style={{ width: 220 }}
            onSearch={(q) => list.setFilter({ q })}
          />
        )}
      </Space>
      <ListTable<T>
        rowKey="id"
        loading={list.isFetching}
        dataSource={rows}
        scroll={{ x: 1200 }}
        locale={{ emptyText: props.emptyText }}
        pagination={list.pagination}
        columns={[
          ...props.columns,
          ...(anyDecidable(rows)
            ? [
                {
                  title: '操作',
                  key: 'decide',
                  width: 120,
                  priority: 'actions' as const,
                  render: (_: unknown, row: T) => (
                    <DecisionButtons
                      row={row}
                      approveLabel={props.approve.label}
                      returnLabel={props.reject.label}
                      onApprove={() => approve(row)}
                      onReturn={() => setReturning(row)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <ReasonModal
        open={!!returning}
        title={returning ? props.reject.title(returning) : ''}
        okText={props.reject.label}
        onCancel={() => setReturning(null)}
        onSubmit={async (reason) => (returning ? (await returningAction.run({ row: returning, reason })) !== undefined : false)}
      />
      {override.modal}
    </Card>
  );
}
