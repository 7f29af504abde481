// A read-only text as plain text, shown in place of its Monaco view until that exists (see input-quiet.ts).
import { useMemo } from "react";
import { lineBlocks } from "./line-blocks";

export function PlainYaml({ value, label }: { value: string; label: string }) {
  // In blocks, not one text: a new output changes a few lines, and only their block is laid out again (one
  // text of the whole output, 1,643 lines, was shaped again with each output: 5.7 ms of one frame in a trace
  // of typing before Monaco loaded); blocks out of view are not laid out at all (content-visibility).
  const blocks = useMemo(() => lineBlocks(value), [value]);
  // A region of its own that scrolls: reachable with the keyboard, as the editor is.
  return (
    <pre className="editor-plain" role="region" aria-label={label} tabIndex={0}>
      {blocks.map((b, i) => (
        <span key={i} className="editor-plain-block">
          {b}
        </span>
      ))}
    </pre>
  );
}
