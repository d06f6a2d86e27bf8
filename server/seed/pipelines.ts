// The seeded pipelines are domain data shared with the client's rules and tests.
export { DELIVERY, SEED_PIPELINES, SERVICE, STORE, type SeedPipeline } from '../../core/pipeline-templates.js';
