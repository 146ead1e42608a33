// GraphQL Code Generator reads the public schema the way clients see it: the committed supergraph
// without its federation machinery (the same cut as apps/gateway/src/contract/public-contract.ts).
const { readFileSync } = require('node:fs');
const { Supergraph } = require('@apollo/federation-internals');

module.exports = (pointer) => Supergraph.build(readFileSync(pointer, 'utf8')).apiSchema().toGraphQLJSSchema();
