import { en, type Messages } from './messages-en.js';
import { zhCN } from './messages-zh-cn.js';
import { LocaleBinding, type Locale } from './locale-state.js';

export {
  Locale,
  matchLocale,
  setLocale,
  getLocale,
  lookup,
  LocaleBinding,
  mergeCatalogs,
} from './locale-state.js';
export type { Catalog } from './locale-state.js';

const catalogs: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };

/** The shared catalog of `locale` (elements with their own catalog are not in it). */
export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

/**
 * A {@link LocaleBinding} that also gives the shared catalog (`messages`), for elements whose
 * strings live there rather than in a catalog of their own.
 *
 * @example
 * ```ts
 * class Hello extends LitElement {
 *   @property() accessor locale: string | undefined;
 *   private i18n = new LocaleController(this, () => this.locale);
 *   render() {
 *     return html`${this.i18n.messages.loading}`;
 *   }
 * }
 * ```
 */
export class LocaleController extends LocaleBinding {
  /** The host's strings from the shared catalog. */
  get messages(): Messages {
    return catalogs[this.locale];
  }
}
