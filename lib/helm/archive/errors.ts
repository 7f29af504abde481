/** Why a chart archive was refused. Where Helm refuses the same thing, `message` is Helm's text. */

export type ArchiveErrorCode =
  | "GZIP_INVALID" // not gzip, or a corrupt stream
  | "TAR_INVALID" // a bad header, checksum or truncated entry
  | "TAR_UNSUPPORTED" // an entry type we do not read (sparse files, unknown types)
  | "LINK_OR_DEVICE" // symlinks, hard links, devices and fifos are refused
  | "ABSOLUTE_PATH" // an entry path starting with /
  | "PARENT_REFERENCE" // an entry path that climbs out with ..
  | "ILLEGAL_NAME" // a Windows drive path such as c:/x
  | "OUTSIDE_BASE_DIR" // an entry that is not inside the one top-level folder
  | "MULTIPLE_BASE_DIRS" // entries under more than one top-level folder
  | "TOO_LARGE" // the unpacked archive exceeds maxTotalSize (a gzip bomb stops here)
  | "FILE_TOO_LARGE" // one file exceeds maxFileSize
  | "TOO_MANY_FILES" // more than maxFiles entries
  | "EMPTY"; // no files at all

export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    /** The entry's name as stored in the archive ("" when the error is about the whole archive). */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "ArchiveError";
  }
}
