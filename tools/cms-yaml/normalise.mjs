// Rewrite content files exactly as the vendored editor would save them unchanged, so that the
// first save of a file from the editor changes only the lines that were edited.
//
//   node normalise.mjs < plan.json   (run by: make editor-style, from tools/editor_style.py)
//
// Input: {"yaml": <the configuration's output.yaml>, "root": folder,
//         "files": [{"path": "...", "format": "yaml-frontmatter" | "yml", "fields": [...]}]},
// where `fields` is the form's fields in order: {"name", "required", "boolean", "fields"?, "list"?}.
// The steps are the editor's own (Sveltia CMS: parseEntryFile, the save's normalisation,
// finalizeContent, formatFrontMatter): the file's text trimmed and read as YAML 1.2; every text
// value trimmed; a yes/no box with no value saved as false; keys in the form's order; empty
// optional values left out; written by the same YAML library with the same options.
// Prints one line per file it changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { yamlWriter } from './style.mjs';

const input = JSON.parse(readFileSync(0, 'utf-8'));
const formatYAML = yamlWriter(input.yaml);

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmpty = (value) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && !value.length) ||
  (isObject(value) && !Object.keys(value).length);

const trimmed = (value) => {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimmed);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)]));
  return value;
};

// The value in the form's order; `fields` undefined: a value the form does not split up.
const ordered = (value, fields) => {
  if (!fields || !isObject(value)) return value;
  const out = {};
  const rest = { ...value };
  for (const field of fields) {
    let found = rest[field.name];
    delete rest[field.name];
    if (found === undefined && field.boolean) found = false;
    if (field.fields && isObject(found)) found = ordered(found, field.fields);
    if (field.list && Array.isArray(found)) found = found.map((item) => ordered(item, field.list));
    if (isEmpty(found) && !field.required) continue;
    if (found !== undefined) out[field.name] = found;
  }
  return { ...out, ...rest };
};

const FRONT = /^---\n(?:(?<head>[\s\S]*?))\n---(?:\n(?<body>[\s\S]*))?$/s;

for (const { path, format, fields } of input.files) {
  const file = join(input.root, path);
  const before = readFileSync(file, 'utf-8');
  const text = before.trim().replace(/\r\n?/g, '\n');
  let after;
  if (format === 'yml') {
    after = `${formatYAML(ordered(trimmed(parse(text) ?? {}), fields))}\n`;
  } else {
    const { head, body } = text.match(FRONT)?.groups ?? {};
    if (head === undefined) {
      console.error(`${path}: no fields between --- lines; left as it is`);
      continue;
    }
    const data = ordered(trimmed(parse(head) ?? {}), fields.filter(({ name }) => name !== 'body'));
    const story = (body ?? '').trim();
    after = `---\n${formatYAML(data)}\n---\n${story ? `\n${story}\n` : ''}`;
  }
  if (after !== before) {
    writeFileSync(file, after);
    console.log(path);
  }
}
