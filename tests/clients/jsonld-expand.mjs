// node jsonld-expand.mjs URL  →  the expanded JSON-LD document jsonld.js loads from URL (following the 303)
import jsonld from 'jsonld';

const expanded = await jsonld.expand(process.argv[2]);
console.log(JSON.stringify(expanded));
