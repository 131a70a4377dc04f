/** A labelled plain `<select>` (the queue's filters are a GET form, not a Conform form). */
export function Select({
  name,
  label,
  value,
  options,
  prefix = "f-",
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  prefix?: string;
}) {
  const id = `${prefix}${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
