// A real, certified OpenID provider (the oidc-provider package) for the browser sign-in tests, run as a
// child process because the package is ESM-only. It prints "ISSUER <url>" once listening. Its development
// login form accepts any login and password; the account's claims come from OIDC_TEST_ACCOUNTS (JSON:
// { "<login>": { "name": ..., "renja_roles": [...], "renja_offices": [...] } }).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID,
      token_endpoint_auth_method: 'none',
      redirect_uris: [process.env.OIDC_TEST_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'renja_roles', 'renja_offices'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, sub) {
    return { accountId: sub, claims: async () => ({ sub, ...(accounts[sub] ?? {}) }) };
  },
});
provider.on('server_error', (_ctx, error) => console.error('[oidc-provider]', error));

createServer(provider.callback()).listen(port, '127.0.0.1', () => console.log(`ISSUER ${issuer}`));
