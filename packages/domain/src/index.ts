export * from './documents.ts'
export * from './access-policy.ts'
export * from './file-name.ts'
export * from './agenda-number.ts'
