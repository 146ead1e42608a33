export * from './snake-naming.strategy';
export * from './tenant-entity';
export * from './data-source-options';
export * from './run-migrations';
export * from './unique-violation';
export * from './tenant-scope';
export * from './database-root.module';
export * from './entity-from-json-row';
