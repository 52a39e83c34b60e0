import { nothing } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

class StyleProps extends Directive {
  render(_props: Readonly<Record<string, string>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): typeof nothing {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    return nothing;
  }
}

/**
 * Sets inline styles through the CSSOM from an element binding (`<div ${styleProps({...})}>`).
 * Unlike a `style=${...}` attribute binding, the template then holds no `style` attribute, so a
 * strict `style-src` policy (no `'unsafe-inline'`) has nothing to refuse. Names are CSS property
 * names (`block-size`, `transform`).
 *
 * @internal
 */
export const styleProps = directive(StyleProps);
