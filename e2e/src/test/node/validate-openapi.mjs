// Validates an OpenAPI document with @apidevtools/swagger-parser (the schema of the OpenAPI version
// it declares, then every $ref). Prints "valid" or the validator's message; exit 0 only when valid.
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFile } from 'node:fs/promises';

const file = process.argv[2];
try {
  const doc = JSON.parse(await readFile(file, 'utf8'));
  await SwaggerParser.validate(doc);
  console.log('valid');
} catch (e) {
  console.log(String(e && e.message ? e.message : e));
  process.exit(1);
}
