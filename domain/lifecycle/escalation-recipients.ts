/**
 * Who an action's escalation goes to, rung by rung (seed 001: "use their own agency's escalation
 * policy – … reporting the concern to their own line-manager and taking further action"). Pure.
 *
 * 1. Rung 1: the owner's line manager, the owner copied. With no line manager recorded: the chair
 *    (said in the email) — unless the owner is the chair, whose own action goes to the team manager.
 * 2. Rung 2: the chair and the child's team manager, the owner's line manager copied — the
 *    chair's own action goes to the team manager, the chair copied.
 * 2a. Rung 3 (issue 13): the service manager over the team manager, the chair and team manager
 *    copied; with no service manager recorded, the chair and team manager again (said in the email).
 * 3. Nobody gets two copies: one entry per address, and nobody copied who is already addressed.
 */
export interface Person {
  name?: string | undefined;
  email: string;
}

export interface ActionOwner extends Person {
  lineManager?: Person | undefined;
  /** The owner is the meeting's chair. */
  isChair: boolean;
}

export interface Recipients {
  to: Person[];
  cc: Person[];
  /** Facts to say in the email about why it came to these people. */
  notes: Array<"no-line-manager" | "chairs-own-action" | "no-service-manager">;
}

/** Step 3: one copy each. */
export function oneCopyEach(to: Person[], cc: Person[]): { to: Person[]; cc: Person[] } {
  const seen = new Set<string>();
  const keep = (list: Person[]) =>
    list.filter((p) => {
      const key = p.email.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const first = keep(to);
  return { to: first, cc: keep(cc) };
}

export function actionEscalationRecipients(input: {
  level: number;
  chair: Person;
  teamManager: Person;
  owner: ActionOwner | undefined;
  serviceManager?: Person | undefined;
}): Recipients {
  const { level, chair, teamManager, owner, serviceManager } = input;
  const notes: Recipients["notes"] = [];
  let to: Person[];
  let cc: Person[];
  if (level >= 3 && serviceManager) {
    to = [serviceManager];
    cc = [teamManager, chair, ...(owner?.lineManager ? [owner.lineManager] : [])];
  } else if (level >= 3) {
    notes.push("no-service-manager");
    to = [chair, teamManager];
    cc = owner?.lineManager ? [owner.lineManager] : [];
  } else if (owner?.isChair) {
    notes.push("chairs-own-action");
    to = [teamManager];
    cc = [chair, ...(level > 1 && owner.lineManager ? [owner.lineManager] : [])];
  } else if (level <= 1) {
    if (owner?.lineManager) {
      to = [owner.lineManager];
      cc = [owner];
    } else {
      notes.push("no-line-manager");
      to = [chair];
      cc = owner ? [owner] : [];
    }
  } else {
    to = [chair, teamManager];
    cc = owner?.lineManager ? [owner.lineManager] : [];
  }
  return { ...oneCopyEach(to, cc), notes };
}
