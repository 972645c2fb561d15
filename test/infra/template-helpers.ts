/**
 * Reading a synthesized CloudFormation template in infra tests: IAM statements per role, and the
 * dependency graph of resources (Ref, Fn::GetAtt, Fn::Sub, DependsOn).
 */

export interface CfnResource {
  Type: string;
  /** Every resource of a Convene template has properties; `{}` stands in when one has none. */
  Properties: Record<string, unknown>;
  DependsOn?: string | string[];
}
export type CfnTemplate = { Resources: Record<string, CfnResource> };

/** The properties of resource `id`; throws when the template has no such resource. */
export function propertiesOf(template: CfnTemplate, id: string): Record<string, unknown> {
  const resource = template.Resources[id];
  if (!resource) throw new Error(`no resource ${id} in the template`);
  return resource.Properties ?? {};
}

export interface IamStatement {
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of every AWS::IAM::Policy attached to the role with logical id `roleId`. */
export function statementsOfRole(template: CfnTemplate, roleId: string): IamStatement[] {
  return Object.values(template.Resources)
    .filter((r) => r.Type === "AWS::IAM::Policy")
    .filter((r) =>
      asArray(r.Properties.Roles as unknown[]).some(
        (ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId }),
      ),
    )
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: IamStatement[] }).Statement);
}

/** The allowed actions of a set of statements. */
export function actionsOf(statements: IamStatement[]): string[] {
  return statements.filter((s) => s.Effect === "Allow").flatMap((s) => asArray(s.Action));
}

/** Logical ids that `value` refers to through Ref, Fn::GetAtt or Fn::Sub. */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const [key, arg] of Object.entries(value)) {
      if (key === "Ref" && typeof arg === "string" && !arg.startsWith("AWS::")) into.add(arg);
      else if (key === "Fn::GetAtt")
        into.add(Array.isArray(arg) ? String(arg[0]) : (String(arg).split(".")[0] ?? ""));
      else if (key === "Fn::Sub") {
        const text = Array.isArray(arg) ? String(arg[0]) : String(arg);
        for (const match of text.matchAll(/\$\{([^}!.]+)[^}]*\}/g)) {
          if (match[1] && !match[1].startsWith("AWS::")) into.add(match[1]);
        }
        if (Array.isArray(arg)) referencedIds(arg[1], into);
      } else referencedIds(arg, into);
    }
  }
  return into;
}

/** The resources each resource depends on (references and DependsOn). */
export function dependencyGraph(template: CfnTemplate): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const deps = referencedIds(resource.Properties);
    for (const dep of resource.DependsOn ? asArray(resource.DependsOn) : []) deps.add(dep);
    graph.set(id, new Set([...deps].filter((dep) => dep in template.Resources)));
  }
  return graph;
}

/** One dependency cycle of the template, as a list of logical ids, or undefined when there is none. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, "visiting");
    stack.push(id);
    for (const dep of graph.get(id) ?? []) {
      if (state.get(dep) === "visiting") return [...stack.slice(stack.indexOf(dep)), dep];
      if (!state.has(dep)) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(id, "done");
    return undefined;
  };
  for (const id of graph.keys()) {
    if (!state.has(id)) {
      const cycle = visit(id);
      if (cycle) return cycle;
    }
  }
  return undefined;
}
