/** A values.schema.json that cannot be used at all (as opposed to values that fail it). */

export type SchemaErrorCode =
  | "SCHEMA_JSON" // not valid JSON
  | "SCHEMA_META" // not valid against its draft's metaschema
  | "SCHEMA_ID" // an id that is not a URL
  | "SCHEMA_REF" // a $ref (or $schema) that does not resolve: inside the document, or as Helm loads another offline
  | "SCHEMA_REGEX" // a pattern that is not valid Go (RE2) syntax
  | "SCHEMA_DEPTH"; // validation recursed without end (a $ref loop)

export class SchemaError extends Error {
  constructor(
    readonly code: SchemaErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SchemaError";
  }
}
