/** Invite: sends each invitee an invitation with a calendar entry and a signed reply address. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("send-invitations", eventSchema, (deps, e) =>
  new Lifecycle(deps).sendInvitations(e.meetingId),
);
