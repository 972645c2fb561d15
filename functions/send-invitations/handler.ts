/** Invite: sends each invitee an invitation with a calendar entry and a signed reply address. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { sendInvitations } from "../../domain/lifecycle/invite.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("send-invitations", eventSchema, (deps, e) =>
  sendInvitations(new LifecycleKernel(deps), e.meetingId),
);
