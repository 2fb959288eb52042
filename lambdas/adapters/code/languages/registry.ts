import type { LanguageId } from '../../../core/code/code-read';
import type { LanguageModule } from '../language';
import { javascript } from './javascript';
import { typescript } from './typescript';
import { python } from './python';
import { go } from './go';
import { java } from './java';
import { kotlin } from './kotlin';
import { csharp } from './csharp';
import { ruby } from './ruby';
import { php } from './php';
import { rust } from './rust';
import { cpp } from './cpp';
import { elixir } from './elixir';
import { shell } from './shell';

/** Every language the code scanner reads: adding one is its module and a line here. */
export const LANGUAGES: { readonly [K in LanguageId]: LanguageModule<K> } = {
  javascript,
  typescript,
  python,
  go,
  java,
  kotlin,
  csharp,
  ruby,
  php,
  rust,
  cpp,
  elixir,
  shell,
};
