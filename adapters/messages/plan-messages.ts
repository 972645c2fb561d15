/**
 * PlanMessages: the words of the child's plan (domain/plan): visit reminders to the worker, the
 * overdue visit to the team manager, the proposed closure to the chair and team manager, and the
 * closure letters as Word documents (the sectioned-document builder every Word file uses), one
 * for the child in child-friendly words, one for the parents, one for the professionals.
 */
import { longDate } from "../../domain/minutes/render.ts";
import type { ChildPlan, LetterAudience, Visit } from "../../domain/plan/model.ts";
import { closureScore } from "../../domain/plan/rules.ts";
import type { Address, EmailKind, OutgoingEmail } from "../../domain/ports/mailer.ts";
import type { LetterDocument, PlanMessages } from "../../domain/ports/plans.ts";
import { inThreadRenderer, type Renderer } from "../documents/renderer.ts";
import type { DocumentSection } from "../mail/agenda-docx.ts";
import { type Block, layoutEmail } from "../mail/blocks.ts";
import {
  greeting,
  headers,
  type MailContext,
  oneLine,
  para,
  siteUrl,
  subjectPrefix,
} from "../mail/templates/shared.ts";

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export class EmailPlanMessages implements PlanMessages {
  constructor(
    private readonly ctx: MailContext,
    /** Builds the letters (a RenderPool on the embedded runtime); default in-thread. */
    private readonly renderer: Renderer = inThreadRenderer,
  ) {}

  /**
   * A plan's email, laid out by the one email frame (marking top and bottom, heading, footer), its
   * subject marked and naming the child only by case reference; the plan's page as a button.
   */
  private email(
    kind: EmailKind,
    plan: ChildPlan,
    to: Address[],
    subject: string,
    lines: string[],
    extra: Partial<OutgoingEmail> & { link?: boolean } = {},
  ): OutgoingEmail {
    const { link = true, ...rest } = extra;
    const blocks: Block[] = [
      greeting({ name: to[0]?.name ?? "colleague" }),
      ...lines.map(para),
      ...(link
        ? [{ kind: "button" as const, label: "Open the child's plan", url: this.planLink(plan) }]
        : []),
    ];
    const { html, text } = layoutEmail({ authorityName: this.ctx.authorityName, heading: subject, blocks });
    return {
      kind,
      meetingId: plan.id,
      from: this.ctx.from,
      to,
      subject: oneLine(`${subjectPrefix}${subject}`),
      text,
      html,
      headers: headers(kind, plan.id),
      ...rest,
    };
  }

  /** The plan's page in the staff workspace (app/routes/plans.ts: /plan/:id). */
  private planLink(plan: ChildPlan) {
    return siteUrl(this.ctx, `plan/${encodeURIComponent(plan.id)}`);
  }

  async visitReminder(plan: ChildPlan, visit: Visit, when: "before-due" | "due-today") {
    return this.email(
      "visit-reminder",
      plan,
      [plan.worker],
      `Child in Need visit ${when === "due-today" ? "due today" : "due soon"}: ${plan.childReference}`,
      [
        `The Child in Need visit to ${plan.childReference} is due by ${longDate(visit.dueBy)}.`,
        "Visit the child at home and see them alone wherever possible, outside the Child and Family Progress Meetings (seed 004). Record the visit on the child's plan.",
      ],
    );
  }

  async visitOverdue(plan: ChildPlan, visit: Visit) {
    return this.email(
      "visit-overdue",
      plan,
      [plan.teamManager],
      `Child in Need visit overdue: ${plan.childReference}`,
      [
        `The Child in Need visit to ${plan.childReference} was due by ${longDate(visit.dueBy)} and is not recorded. The allocated social worker is ${plan.worker.name}, copied.`,
        "Please follow this up in supervision.",
      ],
      { cc: [plan.worker] },
    );
  }

  async closureProposed(plan: ChildPlan, to: Address[]) {
    return this.email(
      "closure-proposed",
      plan,
      to,
      `Closure proposed: Child and Family Progress Plan, ${plan.childReference}`,
      [
        `Everyone at the last Child and Family Progress Meeting for ${plan.childReference} scored ${closureScore} or above on the safety scale, so closing the plan is proposed (seed 004).`,
        "If the safety is high enough and permanent, record the decision and its rationale to close the plan on the child's plan; the closure letters then go to the child, the parents and the professionals.",
      ],
    );
  }

  async closureLetter(plan: ChildPlan, audience: LetterAudience): Promise<LetterDocument> {
    const closed = longDate((plan.closure?.at ?? plan.updatedAt).slice(0, 10));
    const worker = plan.worker.name;
    const sections: DocumentSection[] =
      audience === "child"
        ? [
            {
              heading: plan.childName ? `Dear ${plan.childName}` : "Hello",
              paragraphs: [
                "We have been meeting with you and your family to help make sure you are safe and happy at home.",
                "Everyone thinks things are going well now. So we have decided that we do not need to keep meeting and visiting you.",
                `Your social worker, ${worker}, will not be visiting any more after ${closed}.`,
                "If you ever feel worried or unsafe, talk to a grown-up you trust, like someone in your family or a teacher at school. They can get help for you.",
                "Thank you for talking with us and sharing your views. You did really well.",
              ],
            },
          ]
        : audience === "parents"
          ? [
              {
                heading: "Your Child and Family Progress Plan has closed",
                paragraphs: [
                  `We are writing to confirm that the Child and Family Progress Plan for your child (our reference ${plan.childReference}) closed on ${closed}.`,
                  "Together with you, your support network and the professionals involved, we agreed that your child's safety is high enough and permanent. Thank you for the work you have done.",
                  "Please keep using your safety plan and your support network. If you need help again, you can contact Children's Services or speak to your child's school or GP.",
                  `Your social worker was ${worker}.`,
                ],
              },
            ]
          : [
              {
                heading: "Case closure",
                paragraphs: [
                  `The Child and Family Progress Plan for ${plan.childReference} closed on ${closed}.`,
                  ...(plan.closure ? [`Rationale: ${plan.closure.rationale}`] : []),
                  `Allocated social worker: ${worker}. Team manager: ${plan.teamManager.name}.`,
                  "Please update your records. If you have new worries about the child, make a referral in the usual way.",
                ],
              },
            ];
    const title = audience === "child" ? "A letter for you" : `Closure of the Child and Family Progress Plan`;
    const content = await this.renderer.sectionedDocx({
      title,
      subtitle: [this.ctx.authorityName, closed],
      sections,
    });
    return {
      audience,
      filename: `closure-letter-${audience}-${plan.childReference.replace(/[^A-Za-z0-9-]/g, "")}.docx`,
      contentType: docxType,
      content,
    };
  }

  async closureLetterEmail(plan: ChildPlan, to: Address, letter: LetterDocument) {
    const lines =
      letter.audience === "child"
        ? ["We have written you a letter. It is attached to this email."]
        : letter.audience === "parents"
          ? [
              "Please find attached a letter confirming that your child's Child and Family Progress Plan has closed.",
            ]
          : [
              `Please find attached the closure letter for the Child and Family Progress Plan of ${plan.childReference}.`,
            ];
    return this.email(
      "closure-letter",
      plan,
      [to],
      letter.audience === "professionals"
        ? `Case closure: ${plan.childReference}`
        : "Your Child and Family Progress Plan has closed",
      lines,
      {
        // The family cannot open the staff workspace: only professionals get its link.
        link: letter.audience === "professionals",
        attachments: [
          { filename: letter.filename, contentType: letter.contentType, content: letter.content },
        ],
      },
    );
  }
}
