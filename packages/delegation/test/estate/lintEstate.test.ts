import { describe, expect, it } from 'vitest';
import { LINT_RULES, type LintRuleId, lintEstate } from '../../src/index.js';
import { estate, files, MACHINES, serviceAccounts, sql, web } from './estateFixtures.js';

/** The findings of one rule, as `subject: related`. */
function of(rule: LintRuleId, model: Parameters<typeof lintEstate>[0]): string[] {
  return lintEstate(model)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.subject}: ${f.related.join(', ')}`);
}

describe('lintEstate', () => {
  it('a clean estate has no findings', () => {
    const model = estate({
      accounts: serviceAccounts(
        { allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] },
        { allowedToDelegateTo: ['cifs/fs01.corp.example'] },
      ).map((a) => a),
      services: [web(), sql(), files()],
    });
    expect(lintEstate(model).filter((f) => f.rule !== 'privileged-account-not-sensitive')).toEqual([]);
  });

  it('duplicate-spn (error): two accounts hold one SPN — KDC event 11', () => {
    const model = estate({
      accounts: [
        ...serviceAccounts(),
        { kind: 'user', samAccountName: 'svc-old', servicePrincipalNames: ['http/WEB01.corp.example'] },
      ],
      services: [web({ calls: [] })],
    });
    expect(of('duplicate-spn', model)).toEqual(['HTTP/web01.corp.example: CORP\\svc-old, CORP\\svc-web']);
    expect(lintEstate(model).find((f) => f.rule === 'duplicate-spn')?.source).toMatch(
      /KDCEVENT_NAME_NOT_UNIQUE/,
    );
  });

  it('duplicate-spn counts within a forest only (MS-KILE 3.3.5.1.1: a KDC looks in its domain, then its forest), and not krbtgt’s kadmin/changepw', () => {
    const domains = [
      { dnsName: 'corp.example' },
      { dnsName: 'emea.corp.example', parent: 'corp.example' },
      { dnsName: 'fabrikam.example' },
    ];
    const model = (accounts: NonNullable<Parameters<typeof lintEstate>[0]['accounts']>) =>
      estate({
        domains,
        trusts: [{ between: ['corp.example', 'fabrikam.example'], type: 'forest' }],
        accounts,
        services: [],
      });
    const krbtgts = ['corp.example', 'emea.corp.example', 'fabrikam.example'].map((domain) => ({
      kind: 'user' as const,
      samAccountName: 'krbtgt',
      domain,
      rid: 502,
      servicePrincipalNames: ['kadmin/changepw'],
    }));
    expect(of('duplicate-spn', model(krbtgts))).toEqual([]);
    const svc = (domain: string) => ({
      kind: 'user' as const,
      samAccountName: 'svc-app',
      domain,
      servicePrincipalNames: ['HTTP/app.corp.example'],
    });
    // Two forests: each KDC finds its own.
    expect(of('duplicate-spn', model([svc('corp.example'), svc('fabrikam.example')]))).toEqual([]);
    // Two domains of one forest: the global catalog finds both.
    expect(of('duplicate-spn', model([svc('corp.example'), svc('emea.corp.example')]))).toEqual([
      'HTTP/app.corp.example: CORP\\svc-app, EMEA\\svc-app',
    ]);
  });

  it('endpoint-without-spn (warning): no account holds the SPN clients ask for', () => {
    const model = estate({
      accounts: serviceAccounts(),
      services: [web({ endpoint: { serviceClass: 'HTTP', host: 'intranet.corp.example' }, calls: [] })],
    });
    expect(of('endpoint-without-spn', model)).toEqual(['HTTP/intranet.corp.example: web']);
  });

  it("spn-on-wrong-account (error): the endpoint's SPN is on another account than the service's", () => {
    const model = estate({
      accounts: serviceAccounts(),
      services: [web({ runsAs: 'IIS AppPool\\Web', calls: [] })],
    });
    expect(of('spn-on-wrong-account', model)).toEqual([
      'HTTP/web01.corp.example: CORP\\WEB01$, CORP\\svc-web, web',
    ]);
  });

  it('mssqlsvc-without-port (warning): an MSSQLSvc endpoint or SPN without the TCP port', () => {
    const model = estate({
      accounts: [
        { kind: 'user', samAccountName: 'svc-sql', servicePrincipalNames: ['MSSQLSvc/sql01.corp.example'] },
      ],
      services: [sql({ endpoint: { serviceClass: 'MSSQLSvc', host: 'sql01.corp.example' }, calls: [] })],
    });
    expect(of('mssqlsvc-without-port', model)).toEqual([
      'MSSQLSvc/sql01.corp.example: CORP\\svc-sql',
      'MSSQLSvc/sql01.corp.example: sql',
    ]);
  });

  it('cname-endpoint (warning): clients ask for the SPN of the canonical name', () => {
    const model = estate({
      accounts: serviceAccounts(),
      services: [
        web({
          endpoint: {
            serviceClass: 'HTTP',
            host: 'portal.corp.example',
            canonicalName: 'web01.corp.example',
          },
          calls: [],
        }),
      ],
    });
    expect(of('cname-endpoint', model)).toEqual(['web: portal.corp.example, web01.corp.example']);
  });

  it('unconstrained-delegation-on-non-dc (warning), but not on a domain controller', () => {
    const model = estate({
      machines: [...MACHINES, { name: 'DC01', domain: 'corp.example', role: 'domainController' }],
      accounts: serviceAccounts({ trustedForDelegation: true }),
      services: [web({ calls: [] })],
    });
    expect(of('unconstrained-delegation-on-non-dc', model)).toEqual(['CORP\\svc-web: CORP\\svc-web']);
  });

  it('protocol-transition-not-needed (warning): "any authentication protocol" for services that only see Kerberos', () => {
    const model = estate({
      accounts: serviceAccounts({
        trustedToAuthForDelegation: true,
        allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
      }),
      services: [web(), sql({ calls: [] })],
    });
    expect(of('protocol-transition-not-needed', model)).toEqual(['CORP\\svc-web: web']);
    const forms = estate({
      accounts: serviceAccounts({
        trustedToAuthForDelegation: true,
        allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
      }),
      services: [web({ authentication: ['forms'] }), sql({ calls: [] })],
    });
    expect(of('protocol-transition-not-needed', forms)).toEqual([]);
  });

  it('delegation-to-unknown-spn (warning): msDS-AllowedToDelegateTo names an SPN nobody has', () => {
    const model = estate({
      accounts: serviceAccounts({ allowedToDelegateTo: ['MSSQLSvc/gone.corp.example:1433'] }),
      services: [web({ calls: [] })],
    });
    expect(of('delegation-to-unknown-spn', model)).toEqual([
      'MSSQLSvc/gone.corp.example:1433: CORP\\svc-web',
    ]);
  });

  it('privileged-account-not-sensitive (warning): a Domain Admin that may be delegated', () => {
    const model = estate({
      accounts: [{ kind: 'user', samAccountName: 'root', memberOf: ['Domain Admins'] }],
      services: [files()],
    });
    // admin (sensitive) and pu (Protected Users) are not reported; root is.
    expect(of('privileged-account-not-sensitive', model)).toEqual(['CORP\\root: CORP\\Domain Admins']);
  });

  it('findings are sorted, carry the rule’s severity and source, and every rule is exercised', () => {
    const model = estate({
      accounts: [
        ...serviceAccounts({ trustedForDelegation: true, allowedToDelegateTo: ['cifs/none.corp.example'] }),
        { kind: 'user', samAccountName: 'svc-old', servicePrincipalNames: ['HTTP/web01.corp.example'] },
      ],
      services: [web({ calls: [] })],
    });
    const findings = lintEstate(model);
    const keys = findings.map((f) => `${f.rule} ${f.subject}`);
    expect(keys).toEqual([...keys].sort());
    for (const f of findings) {
      expect(f.severity).toBe(LINT_RULES[f.rule].severity);
      expect(f.source).toBe(LINT_RULES[f.rule].source);
    }
  });
});
