import { Space } from 'antd';
import type { Policies } from '../../shared/policies';
import { ActionButton } from './ActionButton';

type Decidable = { policies: Policies<'approve' | 'return'> };

/** Whether a list needs its 操作 column: some row the server lets the caller decide. */
export const anyDecidable = (rows: readonly Decidable[] | undefined) =>
  (rows ?? []).some((r) => r.policies.approve || r.policies.return);

/** 通过 / 退回 of a pending request, exactly as its `policies` allow (a held-back approval shows why). */
export function DecisionButtons({
  row,
  onApprove,
  onReturn,
  approveLabel = '通过',
  returnLabel = '退回',
}: {
  row: Decidable;
  onApprove: () => void;
  onReturn: () => void;
  approveLabel?: string;
  returnLabel?: string;
}) {
  return (
    <Space size={0}>
      <ActionButton policy={row.policies.approve} size="small" type="link" onClick={onApprove}>
        {approveLabel}
      </ActionButton>
      <ActionButton policy={row.policies.return} size="small" type="link" danger onClick={onReturn}>
        {returnLabel}
      </ActionButton>
    </Space>
  );
}
