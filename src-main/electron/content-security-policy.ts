/** The renderer's CSP lives in one place (core/security) so the header and the meta tag cannot drift. */
export { contentSecurityPolicy, parseCsp, type CspOptions } from '../core/security/content-security-policy.js';
