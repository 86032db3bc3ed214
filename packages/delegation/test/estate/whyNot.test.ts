import { describe, expect, it } from 'vitest';
import { KDC_RULES, WHY_NOT_REASONS, type WhyNotReason } from '../../src/index.js';
import { estate, expectWhyNot, files, MACHINES, run, serviceAccounts, sql, web } from './estateFixtures.js';

// One example per why-not reason code: the hop, the reason, and the rule and source it maps to.

const kcdWebToSql = serviceAccounts({ allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] });
const webSql = estate({ accounts: kcdWebToSql, services: [web(), sql({ calls: [] })] });

describe('WHY_NOT_REASONS', () => {
  it('maps each reason to the rule that fires it, with that rule’s own source', () => {
    for (const info of Object.values(WHY_NOT_REASONS)) {
      expect(info.source.length).toBeGreaterThan(0);
      if (info.origin.package === '@doublehop/delegation') {
        expect(info.source).toBe(KDC_RULES[info.origin.rule].source);
      }
    }
    expect(WHY_NOT_REASONS['credential-guard-blocks-tgt-delegation'].source).toMatch(
      /Credential Guard considerations/,
    );
    expect(WHY_NOT_REASONS['client-requested-identify'].source).toMatch(/ISC_REQ_IDENTIFY/);
  });
});

describe('why-not reason codes', () => {
  const cases: [WhyNotReason, () => ReturnType<typeof run>, number][] = [
    ['account-not-delegated', () => run(webSql, 'admin', ['web', 'sql']), 2],
    ['protected-users', () => run(webSql, 'pu', ['web', 'sql']), 2],
    [
      'ntlm-cannot-delegate',
      () =>
        run(
          estate({
            accounts: kcdWebToSql,
            services: [web({ authentication: ['ntlm'] }), sql({ calls: [] })],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'spn-missing',
      () =>
        run(
          estate({
            accounts: serviceAccounts(),
            services: [
              web({
                authentication: ['kerberos'],
                endpoint: { serviceClass: 'HTTP', host: 'nowhere.corp.example' },
                calls: [],
              }),
            ],
          }),
          'alice',
          ['web'],
        ),
      1,
    ],
    [
      'spn-duplicate',
      () =>
        run(
          estate({
            accounts: [
              ...serviceAccounts(),
              { kind: 'user', samAccountName: 'svc-old', servicePrincipalNames: ['HTTP/web01.corp.example'] },
            ],
            services: [web({ authentication: ['kerberos'], calls: [] })],
          }),
          'alice',
          ['web'],
        ),
      1,
    ],
    [
      'spn-on-wrong-account',
      () =>
        run(
          estate({ accounts: serviceAccounts(), services: [web({ runsAs: 'IIS AppPool\\Web', calls: [] })] }),
          'alice',
          ['web'],
        ),
      1,
    ],
    [
      'kcd-target-not-allowed',
      () =>
        run(
          estate({
            accounts: serviceAccounts({ allowedToDelegateTo: ['MSSQLSvc/other.corp.example:1433'] }),
            services: [web(), sql({ calls: [] })],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'kcd-cross-domain',
      () => {
        const model = estate({
          domains: [
            { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
            { dnsName: 'emea.corp.example', parent: 'corp.example' },
          ],
          machines: [
            ...MACHINES.filter((m) => m.name !== 'SQL01'),
            { name: 'SQL01', domain: 'emea.corp.example' },
          ],
          accounts: [
            {
              kind: 'user',
              samAccountName: 'svc-web',
              servicePrincipalNames: ['HTTP/web01.corp.example'],
              allowedToDelegateTo: ['MSSQLSvc/sql01.emea.corp.example:1433'],
            },
            {
              kind: 'user',
              samAccountName: 'svc-sql',
              domain: 'emea.corp.example',
              servicePrincipalNames: ['MSSQLSvc/sql01.emea.corp.example:1433'],
            },
          ],
          services: [
            web(),
            sql({
              runsAs: 'EMEA\\svc-sql',
              endpoint: { serviceClass: 'MSSQLSvc', host: 'sql01.emea.corp.example', port: 1433 },
              calls: [],
            }),
          ],
        });
        return run(model, 'alice', ['web', 'sql']);
      },
      2,
    ],
    [
      'rbcd-not-allowed',
      () =>
        run(
          estate({
            accounts: serviceAccounts({}, { principalsAllowedToDelegateToAccount: ['bob'] }),
            services: [web(), sql({ calls: [] })],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'delegation-not-configured',
      () =>
        run(estate({ accounts: serviceAccounts(), services: [web(), sql({ calls: [] })] }), 'alice', [
          'web',
          'sql',
        ]),
      2,
    ],
    [
      'evidence-not-forwardable',
      () =>
        run(
          estate({
            // Kerberos-only KCD (no TRUSTED_TO_AUTH_FOR_DELEGATION): S4U2Self gives a non-forwardable ticket.
            accounts: [
              ...serviceAccounts(),
              {
                kind: 'computer',
                samAccountName: 'WEB01',
                servicePrincipalNames: ['HOST/WEB01', 'HOST/web01.corp.example'],
                allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
              },
            ],
            services: [
              web({
                authentication: ['forms'],
                runsAs: 'LocalSystem',
                endpoint: { serviceClass: 'HTTP', host: 'forms.corp.example' },
              }),
              sql({ calls: [] }),
            ],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'client-requested-identify',
      () =>
        run(
          estate({
            accounts: serviceAccounts(
              { allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] },
              { allowedToDelegateTo: ['cifs/fs01.corp.example'] },
            ),
            services: [web({ calls: [{ service: 'sql', request: 'identify' }] }), sql(), files()],
          }),
          'alice',
          ['web', 'sql', 'files'],
        ),
      3,
    ],
    [
      'no-impersonate-privilege',
      () =>
        run(
          estate({
            accounts: kcdWebToSql,
            machines: MACHINES.map((m) =>
              m.name === 'WEB01'
                ? { ...m, userRights: { remove: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] } } }
                : m,
            ),
            services: [web(), sql({ calls: [] })],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'credential-guard-blocks-tgt-delegation',
      () =>
        run(
          estate({
            machines: MACHINES.map((m) => (m.name === 'WS01' ? { ...m, credentialGuard: true } : m)),
            accounts: serviceAccounts({ trustedForDelegation: true }),
            services: [web(), sql({ calls: [] })],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'logon-refused',
      () =>
        run(
          estate({
            accounts: kcdWebToSql,
            machines: MACHINES.map((m) =>
              m.name === 'SQL01'
                ? { ...m, userRights: { add: { SeDenyNetworkLogonRight: ['CORP\\alice'] } } }
                : m,
            ),
            services: [web(), sql({ calls: [] })],
          }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'local-service-anonymous',
      () =>
        run(
          estate({
            services: [web({ runsAs: 'LocalService', calls: [{ service: 'files', as: 'self' }] }), files()],
          }),
          'alice',
          ['web', 'files'],
        ),
      2,
    ],
    [
      'service-does-not-impersonate',
      () =>
        run(
          estate({ accounts: kcdWebToSql, services: [web({ impersonates: false }), sql({ calls: [] })] }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'authentication-not-accepted',
      () =>
        run(
          estate({ accounts: kcdWebToSql, services: [web(), sql({ authentication: ['basic'], calls: [] })] }),
          'alice',
          ['web', 'sql'],
        ),
      2,
    ],
    [
      'anonymous-authentication',
      () =>
        run(
          estate({
            accounts: serviceAccounts(),
            services: [web({ authentication: ['anonymous'], calls: [] })],
          }),
          'alice',
          ['web'],
        ),
      1,
    ],
    [
      'no-call',
      () =>
        run(estate({ accounts: kcdWebToSql, services: [web({ calls: [] }), sql({ calls: [] })] }), 'alice', [
          'web',
          'sql',
        ]),
      2,
    ],
    [
      'account-disabled',
      () =>
        run(
          estate({
            accounts: [{ kind: 'user', samAccountName: 'gone', enabled: false }],
            services: [files()],
          }),
          'gone',
          ['files'],
        ),
      1,
    ],
  ];

  for (const [reason, evaluate, hop] of cases) {
    it(`${reason} at hop ${hop}: ${WHY_NOT_REASONS[reason].origin.rule} (${WHY_NOT_REASONS[reason].source.slice(0, 40)}…)`, () => {
      const v = evaluate();
      expectWhyNot(v, hop, reason);
      expect(v.whyNot?.rule).toBe(WHY_NOT_REASONS[reason].origin.rule);
      expect(v.whyNot?.source).toBe(WHY_NOT_REASONS[reason].source);
    });
  }
});
