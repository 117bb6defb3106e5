// A refused entry's message beside the field or panel that refused it, announced at once (role="alert").
export function InlineError({
  error,
  block = false,
  id,
  className,
}: {
  error: string | null;
  block?: boolean;
  id?: string;
  className?: string;
}) {
  if (!error) return null;
  const Tag = block ? 'p' : 'span';
  return (
    <Tag id={id} className={className ? `inline-error ${className}` : 'inline-error'} role="alert">
      {error}
    </Tag>
  );
}
