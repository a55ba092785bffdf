// Encodes strings with transformers.js's tokenizers (npm's @lenml/tokenizers), the peer for
// test_hub_tokenizer_parity.
// Usage: node hub_encode.js <@lenml/tokenizers folder> <tokenizer.json> <tokenizer_config.json>
//                           <strings.json> <ids.json>
// strings.json is an array of strings; ids.json gets an array of id arrays, one per string, from
// encode(text, {add_special_tokens: false}).
'use strict';
const fs = require('fs');
const path = require('path');

const [libraryFolder, tokenizerPath, configPath, inputPath, outputPath] = process.argv.slice(2);
if (!outputPath) {
  console.error('usage: node hub_encode.js <library> <tokenizer.json> <tokenizer_config.json> ' +
                '<strings.json> <ids.json>');
  process.exit(2);
}
const { TokenizerLoader } = require(path.resolve(libraryFolder));
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf-8'));
const tokenizer = TokenizerLoader.fromPreTrained({
  tokenizerJSON: readJson(tokenizerPath),
  tokenizerConfig: readJson(configPath),
});
const strings = readJson(inputPath);
const ids = strings.map((text) => tokenizer.encode(text, { add_special_tokens: false }));
fs.writeFileSync(outputPath, JSON.stringify(ids));
