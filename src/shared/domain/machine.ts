/**
 * One helper for every state machine of the product (registrations, exam
 * sessions, certificates and the pending → approved/returned requests). A
 * machine is its transition table: each action names the states it may start
 * from, optionally where it leads, and the Chinese sentence that refuses it from
 * any other state. The server asserts with it; the answers tell the screens,
 * through `policies`, which actions the same table allows now — so a button
 * and the rule behind it can never disagree.
 */
export type Transition<S extends string> = {
  from: readonly S[];
  to?: S;
  /** Said when the action is tried from another state; a function when the sentence depends on that state. */
  refusal: string | ((status: S) => string);
};

/** Refused transition: the server answers it as INVALID_STATE (409) with the machine's sentence. */
export class TransitionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionRefused';
  }
}

export type Machine<S extends string, A extends string> = {
  readonly transitions: { readonly [K in A]: Transition<S> };
  readonly actions: readonly A[];
  can(status: S, action: A): boolean;
  /** The refusal sentence when `action` is not possible from `status`, otherwise null. */
  refusal(status: S, action: A): string | null;
  /** Every action possible from `status`, in the table's order. */
  allowed(status: S): A[];
  /** Throws TransitionRefused (→ 409 with the refusal) unless the action is possible from `status`. */
  assert(status: S, action: A): void;
};

export function defineMachine<S extends string, const T extends Record<string, Transition<S>>>(
  transitions: T,
): Machine<S, Extract<keyof T, string>> & { readonly transitions: T } {
  type A = Extract<keyof T, string>;
  const actions = Object.keys(transitions) as A[];
  const can = (status: S, action: A) => (transitions[action].from as readonly string[]).includes(status);
  const sentence = (status: S, action: A) => {
    const r = transitions[action].refusal;
    return typeof r === 'function' ? r(status) : r;
  };
  return {
    transitions,
    actions,
    can,
    refusal: (status, action) => (can(status, action) ? null : sentence(status, action)),
    allowed: (status) => actions.filter((a) => can(status, a)),
    assert(status, action) {
      if (!can(status, action)) throw new TransitionRefused(sentence(status, action));
    },
  };
}

/**
 * The requests an authority decides (原持证备案, 延期, 人员变更, 单位变更, 合格名单) are
 * one machine: pending until approved or returned, once. Each names its own
 * states and says, per closed state, why it cannot be decided again.
 */
export function defineDecisionMachine<S extends string>(states: {
  pending: S;
  approved: S;
  returned: S;
  closed: Partial<Record<S, string>>;
}) {
  const refusal = (status: S) => states.closed[status] ?? '该申请已处理，不能再审核';
  return defineMachine<S, { approve: Transition<S>; return: Transition<S> }>({
    approve: { from: [states.pending], to: states.approved, refusal },
    return: { from: [states.pending], to: states.returned, refusal },
  });
}

export const FILING_MACHINE = defineDecisionMachine<'pending' | 'approved' | 'returned'>({
  pending: 'pending',
  approved: 'approved',
  returned: 'returned',
  closed: { approved: '该备案已核验通过', returned: '该备案已退回' },
});
export const EXTENSION_MACHINE = defineDecisionMachine<'pending' | 'approved' | 'returned'>({
  pending: 'pending',
  approved: 'approved',
  returned: 'returned',
  closed: { approved: '该延期申请已审核通过', returned: '该延期申请已退回' },
});
export const PERSONNEL_CHANGE_MACHINE = defineDecisionMachine<'pending' | 'approved' | 'returned' | 'cancelled'>({
  pending: 'pending',
  approved: 'approved',
  returned: 'returned',
  closed: { approved: '该申请已审核通过', returned: '该申请已退回', cancelled: '该申请已取消' },
});
export const EMPLOYER_CHANGE_MACHINE = defineDecisionMachine<'pending' | 'approved' | 'rejected'>({
  pending: 'pending',
  approved: 'approved',
  returned: 'rejected',
  closed: { approved: '该申请已处理', rejected: '该申请已处理' },
});
export const QUALIFIED_LIST_MACHINE = defineDecisionMachine<'submitted' | 'confirmed' | 'returned'>({
  pending: 'submitted',
  approved: 'confirmed',
  returned: 'returned',
  closed: { confirmed: '该名单已确认，证书已核发', returned: '该名单已退回' },
});
