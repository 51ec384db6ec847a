import { Card, Checkbox, Descriptions, Empty, Grid, List, Pagination, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';

/**
 * How a column behaves when the screen is narrow: `id` (who or what the row
 * is: 姓名, 证书编号, 考场名称) stays pinned on the left, `state` and `actions`
 * (状态, 操作) stay pinned on the right, everything else scrolls between them.
 */
export type ListColumn<T> = ColumnType<T> & { priority?: 'id' | 'state' | 'actions' };

type ListTableProps<T> = Omit<TableProps<T>, 'columns'> & {
  columns: ListColumn<T>[];
  /** On a phone each row is a card: its title (default: the first `id` column's value). */
  cardTitle?: (row: T) => ReactNode;
};

const cellOf = <T,>(column: ListColumn<T>, row: T, index: number): ReactNode => {
  const value = column.dataIndex !== undefined ? (row as Record<string, unknown>)[column.dataIndex as string] : undefined;
  return column.render ? (column.render(value, row, index) as ReactNode) : ((value as ReactNode) ?? '—');
};

/**
 * Every list of the product: antd's Table with the identifying and state
 * columns pinned so they never scroll away at 1280 px, and the same rows as
 * cards on a phone (label: value, the actions at the bottom). Paging, loading
 * and the empty text are the Table's own props.
 */
/** A row's selection box on its card: the same `rowSelection` the table would use, so batch actions work on a phone too. */
function SelectCheckbox<T>({
  row,
  rowKeyOf,
  selection,
  rows,
  keyOf,
}: {
  row: T;
  rowKeyOf: () => string;
  selection: NonNullable<TableProps<T>['rowSelection']>;
  rows: T[];
  keyOf: (row: T, i: number) => string;
}) {
  const key = rowKeyOf();
  const selected = (selection.selectedRowKeys ?? []).map(String);
  const disabled = !!selection.getCheckboxProps?.(row)?.disabled;
  return (
    <Checkbox
      aria-label="选择"
      checked={selected.includes(key)}
      disabled={disabled}
      onChange={(e) => {
        const keys = e.target.checked ? [...selected, key] : selected.filter((k) => k !== key);
        const chosen = rows.filter((r, i) => keys.includes(keyOf(r, i)));
        selection.onChange?.(keys, chosen, { type: 'single' });
      }}
    />
  );
}

export function ListTable<T extends object>({ columns, cardTitle, ...props }: ListTableProps<T>) {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [localPage, setLocalPage] = useState(1);
  if (phone) {
    const idColumn = columns.find((c) => c.priority === 'id');
    const actions = columns.filter((c) => c.priority === 'actions');
    const body = columns.filter((c) => c !== idColumn && c.priority !== 'actions');
    const all = (props.dataSource ?? []) as T[];
    const pagination = props.pagination === false ? null : props.pagination;
    // A list paged on the server says its total; one paged here (only a page size) is sliced here.
    const local = !!pagination && pagination.total === undefined;
    const pageSize = (pagination && pagination.pageSize) || 20;
    const rows = local ? all.slice((localPage - 1) * pageSize, localPage * pageSize) : all;
    const rowKey = (row: T, i: number) =>
      String(
        typeof props.rowKey === 'function'
          ? props.rowKey(row, i)
          : ((row as Record<string, unknown>)[(props.rowKey as string) ?? 'key'] ?? i),
      );
    const selection = props.rowSelection;
    return (
      <div data-testid="list-cards">
        <List
          loading={!!props.loading}
          dataSource={rows}
          locale={{ emptyText: (props.locale?.emptyText as ReactNode) ?? <Empty /> }}
          renderItem={(row, i) => (
            <List.Item key={rowKey(row, i)} style={{ padding: '6px 0' }}>
              <Card
                size="small"
                style={{ width: '100%' }}
                title={cardTitle ? cardTitle(row) : idColumn ? cellOf(idColumn, row, i) : undefined}
                extra={
                  selection && (
                    <SelectCheckbox row={row} rowKeyOf={() => rowKey(row, i)} selection={selection} rows={rows} keyOf={rowKey} />
                  )
                }
                actions={actions.length ? actions.map((c, k) => <div key={k}>{cellOf(c, row, i)}</div>) : undefined}
              >
                <Descriptions
                  size="small"
                  column={1}
                  items={body.map((c, k) => ({ key: k, label: c.title as ReactNode, children: cellOf(c, row, i) }))}
                />
              </Card>
            </List.Item>
          )}
        />
        {pagination && (local ? all.length : (pagination.total ?? 0)) > pageSize && (
          <Pagination
            simple
            style={{ marginTop: 12, textAlign: 'center' }}
            current={local ? localPage : pagination.current}
            pageSize={pageSize}
            total={local ? all.length : pagination.total}
            onChange={(page, size) => (local ? setLocalPage(page) : pagination.onChange?.(page, size))}
          />
        )}
      </div>
    );
  }
  // Pinned columns must sit at the edges: who the row is first, its state and actions last.
  const pinned = [
    ...columns.filter((c) => c.priority === 'id').map((c) => ({ ...c, fixed: 'left' as const })),
    ...columns.filter((c) => !c.priority),
    ...columns.filter((c) => c.priority === 'state').map((c) => ({ ...c, fixed: 'right' as const })),
    ...columns.filter((c) => c.priority === 'actions').map((c) => ({ ...c, fixed: 'right' as const })),
  ];
  return <Table<T> {...props} columns={pinned} />;
}
