import { loadConfig, loadSecurityConfig } from './config';

describe('security settings', () => {
  it('defaults: 1 MiB bodies, 1200 requests a minute, CORS closed, no OpenID Connect', () => {
    expect(loadSecurityConfig({})).toEqual({
      maxBodyBytes: 1_048_576,
      rateLimitPerMinute: 1200,
      corsOrigins: [],
      oidc: null,
      sessionHours: 8,
      trustProxy: null,
    });
    expect(loadConfig({}).migrationDatabaseUrl).toBeNull();
  });

  it('reads origins, limits and the OpenID Connect settings with their claim names', () => {
    const config = loadSecurityConfig({
      RENJA_CORS_ORIGINS: 'https://a.example.go.id, http://localhost:5173',
      RENJA_RATE_LIMIT_PER_MINUTE: '0',
      RENJA_MAX_BODY_BYTES: '65536',
      RENJA_OIDC_ISSUER: 'https://sso.example.go.id/realms/pemda',
      RENJA_OIDC_AUDIENCE: 'renja-ledger',
      RENJA_OIDC_ROLES_CLAIM: 'realm_access.roles',
      RENJA_SESSION_HOURS: '2',
      RENJA_TRUST_PROXY: 'loopback',
    });
    expect(config).toEqual({
      maxBodyBytes: 65536,
      rateLimitPerMinute: 0,
      corsOrigins: ['https://a.example.go.id', 'http://localhost:5173'],
      oidc: {
        issuer: 'https://sso.example.go.id/realms/pemda',
        audience: 'renja-ledger',
        jwksUrl: null,
        rolesClaim: 'realm_access.roles',
        officesClaim: 'renja_offices',
        nameClaim: 'name',
        login: null,
      },
      sessionHours: 2,
      trustProxy: 'loopback',
    });
    expect(loadSecurityConfig({ RENJA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadSecurityConfig({ RENJA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadSecurityConfig({ RENJA_TRUST_PROXY: '0' }).trustProxy).toBeNull();
  });

  it.each([
    [{ RENJA_CORS_ORIGINS: 'https://a.example/path' }, /RENJA_CORS_ORIGINS/],
    [{ RENJA_CORS_ORIGINS: '*' }, /RENJA_CORS_ORIGINS/],
    [{ RENJA_RATE_LIMIT_PER_MINUTE: '-1' }, /RENJA_RATE_LIMIT_PER_MINUTE/],
    [{ RENJA_MAX_BODY_BYTES: '1mb' }, /RENJA_MAX_BODY_BYTES/],
    [{ RENJA_SESSION_HOURS: '0' }, /RENJA_SESSION_HOURS/],
    [{ RENJA_TRUST_PROXY: 'proxy;rm -rf' }, /RENJA_TRUST_PROXY/],
    [{ RENJA_OIDC_ISSUER: 'https://sso.example' }, /both RENJA_OIDC_ISSUER and RENJA_OIDC_AUDIENCE/],
    [{ RENJA_OIDC_ISSUER: 'sso.example', RENJA_OIDC_AUDIENCE: 'x' }, /RENJA_OIDC_ISSUER must be an http/],
  ])('refuses %j at start with a message naming the setting', (env, message) => {
    expect(() => loadSecurityConfig(env)).toThrow(message);
  });
});
