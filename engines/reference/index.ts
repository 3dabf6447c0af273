/**
 * The reference engine: the oracle every other engine is compared against. It follows
 * docs/document-model.md rule by rule and favours plain, readable code over speed.
 */
import type { EngineModule } from '../../src/engine/protocol.js';
import { ReferenceDocument } from './document.js';

const reference: EngineModule = {
  name: 'reference',
  create: () => new ReferenceDocument(),
};

export default reference;
