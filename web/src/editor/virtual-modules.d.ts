/** The scenario schema's outline, made at build time from schema/scenario.schema.json (web/vite.config.ts). */
declare module 'virtual:scenario-schema-outline' {
  const outline: import('./schema-outline.js').SchemaNode;
  export default outline;
}
