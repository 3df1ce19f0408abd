import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { OidcVerifier } from '@renja/infrastructure/auth/oidc';
import { ledgerDigest } from '../support/ledger-digest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * OpenID Connect: an identity provider played by the test — its own key pair, a discovery document and
 * a JWKS served over local HTTP. JWTs it signs are accepted with the roles and offices of their claims.
 */
describe('OpenID Connect bearer tokens', () => {
  let idp: Server;
  let issuer: string;
  let key: KeyLike;
  let stranger: KeyLike;
  let t: TestApp;
  const audience = 'renja-ledger';

  const jwt = (claims: JWTPayload, options: { key?: KeyLike; issuer?: string; audience?: string; expiresIn?: string; kid?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'k1' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    stranger = (await generateKeyPair('ES256')).privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
    idp = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === '/jwks') res.end(JSON.stringify(jwks));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    t = await startTestApp({
      security: {
        oidc: { issuer, audience, jwksUrl: null, rolesClaim: 'renja_roles', officesClaim: 'renja_offices', nameClaim: 'name', login: null },
      },
    });
    await t.http().post('/api/v1/offices').send({ code: 'DKUKM', name: 'Dinas KUKM' }).expect(201);
    await t.http().post('/api/v1/years/2022/offices/DKUKM/lines').send({ code: '2.17.07', name: 'Pemberdayaan UMKM' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => idp.close(resolve));
  });

  const pagu = { phase: 'RENJA', fundingSource: 'DAU', amount: '500000000.00', reason: 'pagu indikatif', effectiveDate: '2022-01-02' };
  const writePagu = (token: string) =>
    t.anonymous().post('/api/v1/years/2022/offices/DKUKM/lines/2.17.07/pagu').set('Authorization', `Bearer ${token}`).send(pagu);

  it('accepts a JWT from the issuer: its roles and offices claims decide, its name and subject are the actor', async () => {
    const token = await jwt({ sub: 'u-1842', name: 'Rina (Bappeda)', renja_roles: ['planner'], renja_offices: ['DKUKM'] });
    const res = await writePagu(token).expect(201);
    const { rows } = await t.pool.query(`SELECT metadata->>'actor' AS actor FROM ledger_events WHERE event_id = $1`, [
      res.body.eventIds[0],
    ]);
    expect(rows).toEqual([{ actor: 'Rina (Bappeda) (u-1842)' }]);
    await t.anonymous().get('/api/v1/years/2022/offices/DKUKM/plan').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('answers 403 for a role or office its claims do not grant, and accepts space-separated claims', async () => {
    const inspector = await jwt({ sub: 'u-7', renja_roles: 'inspector', renja_offices: 'DKUKM BPKAD' });
    expect((await writePagu(inspector).expect(403)).body.message).toMatch(/memerlukan peran planner/);
    const elsewhere = await jwt({ sub: 'u-8', renja_roles: ['planner'], renja_offices: ['BPKAD'] });
    expect((await writePagu(elsewhere).expect(403)).body.message).toMatch(/perangkat daerah DKUKM berada di luar cakupan/);
    const noClaims = await jwt({ sub: 'u-9' });
    await writePagu(noClaims).expect(403);
  });

  it.each([
    ['another audience', () => jwt({ sub: 'u-1', renja_roles: ['planner'], renja_offices: ['*'] }, { audience: 'someone-else' })],
    ['another issuer', () => jwt({ sub: 'u-1', renja_roles: ['planner'], renja_offices: ['*'] }, { issuer: 'https://idp.example' })],
    ['an expired token', () => jwt({ sub: 'u-1', renja_roles: ['planner'], renja_offices: ['*'] }, { expiresIn: '-5m' })],
    ['a key the issuer does not publish', () => jwt({ sub: 'u-1', renja_roles: ['planner'], renja_offices: ['*'] }, { key: stranger })],
    ['an unknown key id', () => jwt({ sub: 'u-1', renja_roles: ['planner'], renja_offices: ['*'] }, { kid: 'k-unknown' })],
    [
      'an unsigned token (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'u-1', iss: issuer, aud: audience, exp: 9e9, renja_roles: ['planner'] })).toString('base64url')}.x`,
    ],
  ])('refuses %s with a 401 and writes nothing', async (_what, make) => {
    const before = await ledgerDigest(t.pool);
    const res = await writePagu(await make()).expect(401);
    expect(res.body).toMatchObject({ field: 'Authorization', message: expect.stringMatching(/JWT refused|bukan token API dan bukan JWT/) });
    expect(await ledgerDigest(t.pool)).toBe(before);
    expect(t.refusals.at(-1)).toMatch(/refused 401 POST .* for "(u-1 \(unverified JWT\)|unknown token)"/);
  });

  it('maps nested claims (e.g. Keycloak realm_access.roles) when configured', async () => {
    const verifier = new OidcVerifier({
      issuer,
      audience,
      jwksUrl: `${issuer}/jwks`,
      rolesClaim: 'realm_access.roles',
      officesClaim: 'opd',
      nameClaim: 'preferred_username',
      login: null,
    });
    const result = await verifier.verify(
      await jwt({ sub: 'u-2', preferred_username: 'andi', realm_access: { roles: ['finance', 'offline_access'] }, opd: '*' }),
    );
    expect(result).toEqual({
      ok: true,
      identity: {
        subject: 'u-2',
        name: 'andi (u-2)',
        roles: ['finance', 'offline_access'],
        offices: '*',
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
  });
});
