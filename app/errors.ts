/**
 * The one error mapper of the workspace: a domain error becomes an HTTP status and the fields it
 * names (for a page's error summary, or the API's one JSON error).
 */
import { z } from "zod";
import { InvalidDateError } from "../domain/clock/index.ts";
import { DirectoryImportError } from "../domain/directory/parse-directory.ts";
import { ActionDateError } from "../domain/lifecycle/agree-new-action-date.ts";
import { IdempotencyKeyMismatchError, StartMeetingError } from "../domain/lifecycle/create-meeting.ts";
import { LifecycleStateError } from "../domain/lifecycle/kernel.ts";
import { ReassignError } from "../domain/lifecycle/reassign-action.ts";
import { PlanError } from "../domain/plan/model.ts";
import { ConflictError, NotFoundError } from "../domain/ports/store.ts";
import { TranscriptFormatError } from "../domain/transcript/index.ts";

export interface FieldError {
  /** The field, as the API names it (`plan.chair.email`), or "" for the request as a whole. */
  field: string;
  message: string;
}

export class WorkspaceInputError extends Error {
  override name = "WorkspaceInputError";
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; "));
  }
}

export interface MappedError {
  status: 400 | 403 | 404 | 409 | 413 | 422 | 500;
  errors: FieldError[];
}

export function mapError(error: unknown): MappedError {
  if (error instanceof WorkspaceInputError) return { status: 400, errors: error.errors };
  if (error instanceof ActionDateError) return { status: 400, errors: error.problems };
  if (error instanceof ReassignError) return { status: 400, errors: error.problems };
  if (error instanceof PlanError)
    return {
      status: 400,
      errors: [{ field: error.field, message: error.message.slice(error.field.length + 2) }],
    };
  if (error instanceof StartMeetingError)
    return { status: 400, errors: error.errors.map((e) => ({ field: e.path, message: e.message })) };
  if (error instanceof z.ZodError)
    return {
      status: 400,
      errors: error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
    };
  if (error instanceof DirectoryImportError)
    return {
      status: 400,
      errors: error.problems.map((p) => ({
        field: p.field,
        message: p.where ? `${p.where}: ${p.message}` : p.message,
      })),
    };
  if (error instanceof RangeError || error instanceof InvalidDateError) {
    const [field, ...rest] = error.message.split(": ");
    return rest.length
      ? { status: 400, errors: [{ field: field ?? "", message: rest.join(": ") }] }
      : { status: 400, errors: [{ field: "", message: error.message }] };
  }
  if (error instanceof TranscriptFormatError)
    return { status: 400, errors: [{ field: "file", message: error.message }] };
  if (error instanceof NotFoundError) return { status: 404, errors: [{ field: "", message: error.message }] };
  if (error instanceof LifecycleStateError || error instanceof ConflictError)
    return { status: 409, errors: [{ field: "", message: error.message }] };
  if (error instanceof IdempotencyKeyMismatchError)
    return { status: 422, errors: [{ field: "Idempotency-Key", message: error.message }] };
  return {
    status: 500,
    errors: [
      {
        field: "",
        message: "Something went wrong. Try again; if it keeps happening, tell your administrator.",
      },
    ],
  };
}
