// Encodes strings with npm's gpt-3-encoder, the peer for test_gpt2_parity.
// Usage: node gpt2_encode.js <package folder> <strings.json> <ids.json>
// strings.json is an array of strings; ids.json gets an array of id arrays, one per string.
'use strict';
const fs = require('fs');
const path = require('path');

const [packageFolder, inputPath, outputPath] = process.argv.slice(2);
if (!outputPath) {
  console.error('usage: node gpt2_encode.js <package folder> <strings.json> <ids.json>');
  process.exit(2);
}
const encoder = require(path.resolve(packageFolder));
const strings = JSON.parse(fs.readFileSync(inputPath, 'utf-8'));
const ids = strings.map((text) => encoder.encode(text));
fs.writeFileSync(outputPath, JSON.stringify(ids));
