/**
 * The child's plan use cases as one object for the composition roots (the workspace, the embedded
 * runtime, tests), each the use case of the same name, one per file beside this one, over the
 * lifecycle kernel (its store's timers, mailer, blobs, clock, audit) and the plan ports.
 */
import type { LifecycleKernel } from "../lifecycle/kernel.ts";
import type { VisitRecord } from "../oversight/caseload.ts";
import { closePlan } from "./close-plan.ts";
import type { ChildPlan } from "./model.ts";
import { recordScores } from "./record-scores.ts";
import { recordVisit } from "./record-visit.ts";
import { type StartPlanPorts, startPlan } from "./start-plan.ts";
import { planDeps } from "./visit-timers.ts";

type Args<F> = F extends (k: LifecycleKernel, ...a: infer A) => unknown ? A : never;

export class ChildPlans {
  constructor(
    readonly kernel: LifecycleKernel,
    private readonly ports: StartPlanPorts = {},
  ) {}
  get store() {
    return planDeps(this.kernel).plans;
  }
  start(body: unknown, context: { actor: string; via: string }) {
    return startPlan(this.kernel, this.ports, body, context);
  }
  recordVisit(...a: Args<typeof recordVisit>) {
    return recordVisit(this.kernel, ...a);
  }
  recordScores(...a: Args<typeof recordScores>) {
    return recordScores(this.kernel, ...a);
  }
  close(...a: Args<typeof closePlan>) {
    return closePlan(this.kernel, ...a);
  }
}

/** The visits of an authority's progress plans as the oversight read model holds them. */
export function visitRecords(plans: ChildPlan[], teamOf: (email: string) => string): VisitRecord[] {
  return plans
    .filter((p) => p.kind === "progress-plan")
    .flatMap((p) =>
      p.visits.map((v) => ({
        childReference: p.childReference,
        dueBy: v.dueBy,
        ...(v.visitedOn ? { visitedOn: v.visitedOn } : {}),
        ...(v.seen === undefined ? {} : { seen: v.seen }),
        ...(v.seenAlone === undefined ? {} : { seenAlone: v.seenAlone }),
        worker: { name: (v.by ?? p.worker).name, email: (v.by ?? p.worker).email.toLowerCase() },
        team: teamOf((v.by ?? p.worker).email),
      })),
    );
}
