// Write front-matter files exactly as the vendored editor does: the same YAML library at the
// version it bundles (package.json), called with the same options as its formatYAML() and
// laid out as its formatFrontMatter() lays out a Markdown file.
//
//   node format.mjs < samples.json   (run by: make editor-samples)
//
// Input: {"yaml": <the configuration's output.yaml>, "root": folder,
//         "files": [{"path": "...", "data": {...}, "body": "..."}]}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { yamlWriter } from './style.mjs';

const input = JSON.parse(readFileSync(0, 'utf-8'));
const formatYAML = yamlWriter(input.yaml);

for (const { path, data, body, format } of input.files) {
  // A YAML file (formatEntryFile), or Markdown with front-matter (formatFrontMatter).
  const text =
    format === 'yml' ? `${formatYAML(data)}\n` : `---\n${formatYAML(data)}\n---\n${body ? `\n${body}\n` : ''}`;
  const target = join(input.root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
