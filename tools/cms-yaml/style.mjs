// The editor's YAML writer (Sveltia CMS's formatYAML()): the same library at the version it
// bundles (package.json), with the same options, taken from the configuration's output.yaml.
import { stringify } from 'yaml';

export const yamlWriter = ({ indent_size: indent = 2, indent_sequences: indentSeq = true, quote = 'none' } = {}) =>
  (obj) =>
    stringify(obj, null, {
      indent,
      indentSeq,
      lineWidth: 0,
      defaultKeyType: 'PLAIN',
      defaultStringType: quote === 'double' ? 'QUOTE_DOUBLE' : quote === 'single' ? 'QUOTE_SINGLE' : 'PLAIN',
      singleQuote: quote !== 'double',
    }).trim();
