'use strict';
// Prints the text of the PDF read on standard input, extracted by pdf-parse (pdf.js). Run as a
// process of its own: pdf.js loads its worker by a dynamic import, which Jest's module sandbox refuses.
const { Buffer } = require('node:buffer');
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const result = await parser.getText();
    process.stdout.write(result.text);
  } finally {
    await parser.destroy();
  }
});
