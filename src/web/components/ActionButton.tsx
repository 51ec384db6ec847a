import { Button, Tooltip, type ButtonProps } from 'antd';
import type { Policy } from '../../shared/policies';

/**
 * A button the server decided on: absent when the object's `policies` do not
 * list the action, disabled with the server's reason as tooltip when it is not
 * yet possible ("2029-08-30 起可申请延期"), a normal button otherwise.
 */
export function ActionButton({ policy, children, ...props }: ButtonProps & { policy: Policy | undefined }) {
  if (!policy) return null;
  if (!policy.allowed) {
    return (
      <Tooltip title={policy.reason}>
        {/* A disabled button fires no mouse events: the wrapper carries the tooltip. */}
        <span style={{ display: 'inline-block', cursor: 'not-allowed' }} data-reason={policy.reason}>
          <Button {...props} disabled style={{ ...props.style, pointerEvents: 'none' }}>
            {children}
          </Button>
        </span>
      </Tooltip>
    );
  }
  return <Button {...props}>{children}</Button>;
}
