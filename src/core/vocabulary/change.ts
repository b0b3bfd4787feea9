/** A queued assign or unassign (docs/changes.md). Changes are an overlay: they never alter imported data. */
export type ChangeAction = 'assign' | 'unassign';
/** How an assign gives access: a seat (Subscription) or Flex. */
export type ChangeAccess = 'Subscription' | 'Flex';
export type ChangeState = 'pending' | 'exported' | 'applied' | 'undone';
export type ChangeSource = 'report' | 'user-detail' | 'by-product' | 'by-user' | 'by-group' | 'import-to-assign' | 'recommendation';

export interface ChangeDraft {
  action: ChangeAction;
  team: string;
  /** `e:<email>` or `h:<hashed id>`, as the workspace identifies users. */
  userKey: string;
  email: string;
  firstName: string;
  lastName: string;
  product: string;
  source: ChangeSource;
  /** Access an assign gives; absent means Subscription (changes queued before Flex assigns have none). */
  access?: ChangeAccess;
}

export interface Change extends ChangeDraft {
  id?: number;
  reason: string;
  queuedAt: string;
  state: ChangeState;
  stateAt: string;
}

export const STATE_LABELS: Record<ChangeState, string> = {
  pending: 'Pending',
  exported: 'Exported',
  applied: 'Applied',
  undone: 'Undone',
};

/** The access a change gives or takes: Subscription unless it says Flex. */
export function accessOf(c: Pick<ChangeDraft, 'access'>): ChangeAccess {
  return c.access === 'Flex' ? 'Flex' : 'Subscription';
}

/**
 * What a change is about: team, person, product, and Flex apart from a seat, so
 * unassigning someone's seat and giving them Flex access are two changes.
 */
export function changeKey(c: Pick<ChangeDraft, 'team' | 'userKey' | 'product' | 'access'>): string {
  return `${c.team}\u0000${c.userKey}\u0000${c.product}${accessOf(c) === 'Flex' ? '\u0000Flex' : ''}`;
}

/** Changes still to take effect: pending or exported (not yet applied in the portal). */
export function isOutstanding(c: Change): boolean {
  return c.state === 'pending' || c.state === 'exported';
}
