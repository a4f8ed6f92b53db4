import { type PanelControls } from '../core/panel/panelMessages';
import { h } from './dom';

export type Control = 'horizon' | 'level';

/**
 * The header's horizon and level selectors, in the host's words. A change disables both
 * until the host answers with the selectors of the forecast it made.
 */
export function forecastControls(
  controls: PanelControls,
  choose: (control: Control, choice: string) => void,
): HTMLElement {
  const selects: HTMLSelectElement[] = [];
  const selector = (control: Control): HTMLElement => {
    const { label, selected, options } = controls[control];
    const select = h(
      'select',
      { id: `control-${control}` },
      ...options.map((o) => {
        const option = h('option', { text: o.label });
        option.value = o.id;
        return option;
      }),
    );
    select.value = selected;
    select.disabled = controls.busy;
    select.addEventListener('change', () => {
      for (const s of selects) s.disabled = true;
      choose(control, select.value);
    });
    selects.push(select);
    return h('label', {}, label, select);
  };
  return h('div', { class: 'controls', id: 'controls' }, selector('horizon'), selector('level'));
}
