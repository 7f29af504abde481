// A link to the form field of a values path: the studio's deep link (`?path=…`), which opens and focuses it.
export function ValuesLink({ path }: { path: string }) {
  const href = `?${new URLSearchParams({ path }).toString()}`;
  return (
    <a href={href} data-values-path={path}>
      Go to <code>{path}</code>
    </a>
  );
}
