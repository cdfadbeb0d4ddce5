/** Test helpers: a local OParl server over the shared reference data, a tar reader, a minimal PDF. */
export { OParlFixtureServer, oneIn, type Fault, type FaultKind, type FixtureSource, type FixtureOptions } from './oparl-fixture-server.ts'
export { sdnetSource, sdnetSubset, specExamplesSource, wuppertalSource, SDNET_COUNTS } from './fixture-sources.ts'
export { readTar, type TarMember } from './tar-reader.ts'
export { minimalPdf } from './minimal-pdf.ts'
