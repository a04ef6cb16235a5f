// Lists what a .d.ts declares, read with the TypeScript compiler's own parser (not a regex):
// {exports: [names], types: {Name: [{name, optional, method}]}} for every interface and class,
// nested object types flattened as 'outer.inner'. JsApiTest checks each against the real module.
// Usage: node dts-members.mjs file.d.ts
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const file = process.argv[2];
const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
const exported = [];
const types = {};

function isExported(node) {
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0;
}

function members(list, prefix, out) {
  for (const m of list) {
    if (!m.name || ts.isConstructorDeclaration(m) || ts.isIndexSignatureDeclaration(m)) continue;
    if (m.modifiers && m.modifiers.some(x => x.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    const name = prefix + m.name.getText(source);
    const method = ts.isMethodDeclaration(m) || ts.isMethodSignature(m);
    out.push({ name, optional: !!m.questionToken, method });
    if (!method && m.type && ts.isTypeLiteralNode(m.type)) members(m.type.members, name + '.', out);
  }
  return out;
}

for (const node of source.statements) {
  if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && isExported(node) && node.name) {
    exported.push(node.name.text);
  }
  if (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) {
    types[node.name.text] = members(node.members, '', []);
  }
}
console.log(JSON.stringify({ exports: exported, types }));
