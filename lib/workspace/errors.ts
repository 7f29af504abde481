/** Workspace errors: a code for programs and the UI, a sentence for people. */

export type WorkspaceErrorCode =
  | "ENV_NAME_INVALID" // not a lowercase DNS label, or reserved
  | "ENV_EXISTS" // another environment has that name
  | "ENV_NOT_FOUND" // no environment of that name
  | "ENV_LAST" // the last environment cannot be deleted
  | "WORKSPACE_INVALID" // a workspace file or permalink that is not a workspace
  | "SNAPSHOT_NOT_FOUND"; // no snapshot of that name

export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    /** The JSON path (`environments.1.name`) of the offending field, for invalid workspaces. */
    readonly path?: string,
  ) {
    super(message);
    this.name = "WorkspaceError";
  }
}
