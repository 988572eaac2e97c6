export { prng, RandomValues } from './random-values.js';
export { malformedRequests, type GeneratedRequest, type MalformedRequestOptions, type RequestShape } from './malformed-requests.js';
export { sendGeneratedRequest, type GeneratedOutcome } from './send-generated-request.js';
