import { Alert } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { ReasonModal } from './ReasonModal';

/**
 * When the server cannot complete a check it depends on (全国平台查重 while the
 * platform is down) it refuses with the field `overrideReason`: the decider may
 * then go ahead by giving a reason, which the server audits. Pass `onRefused`
 * to the action and render `modal`.
 */
export function useOverrideReason<V>(retry: (vars: V, reason: string) => Promise<unknown>): {
  onRefused: (err: ApiError, vars: V) => boolean;
  modal: ReactNode;
} {
  const [asking, setAsking] = useState<{ vars: V; message: string } | null>(null);
  return {
    onRefused: (err, vars) => {
      if (err.field !== 'overrideReason') return false;
      setAsking({ vars, message: err.message });
      return true;
    },
    modal: (
      <ReasonModal
        open={!!asking}
        title="无法完成全国平台查重"
        okText="仍要办理"
        label="仍要办理的原因"
        content={<Alert type="warning" showIcon style={{ marginBottom: 12 }} title={asking?.message} />}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          const done = asking ? await retry(asking.vars, reason) : undefined;
          if (done === undefined) return false;
          setAsking(null);
          return true;
        }}
      />
    ),
  };
}
