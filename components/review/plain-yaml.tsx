// A read-only text as plain text, shown in place of its Monaco view until that exists (see input-quiet.ts).

export function PlainYaml({ value, label }: { value: string; label: string }) {
  // A region of its own that scrolls: reachable with the keyboard, as the editor is.
  return (
    <pre className="editor-plain" role="region" aria-label={label} tabIndex={0}>
      {value}
    </pre>
  );
}
