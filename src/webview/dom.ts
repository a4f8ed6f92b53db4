/** Builds an element. Text is always set as text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: {
    class?: string;
    id?: string;
    text?: string;
    attrs?: Readonly<Record<string, string>>;
    on?: { click?: (e: MouseEvent) => void; keydown?: (e: KeyboardEvent) => void };
  } = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  const target: HTMLElement = el;
  if (props.on?.click) target.addEventListener('click', props.on.click);
  if (props.on?.keydown) target.addEventListener('keydown', props.on.keydown);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
