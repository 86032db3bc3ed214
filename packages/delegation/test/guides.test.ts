import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { asExchange, createKdc, s4u2proxy, s4u2self, tamperTicket, ticketFlagsRecord } from '../src/index.js';
import { refusal, value } from './fixtures.js';

// The snippets of packages/delegation/README.md and docs/kerberos-delegation.md, so the guides cannot rot.
describe("the guides' examples", () => {
  it('README: a patched KDC refuses the Bronze Bit for a sensitive user; an unpatched one accepts it', () => {
    const dir = directory({
      domains: [{ dnsName: 'corp.example' }],
      accounts: [
        { kind: 'user', samAccountName: 'admin', accountNotDelegated: true },
        {
          kind: 'computer',
          samAccountName: 'WEB01',
          servicePrincipalNames: ['HTTP/web01'],
          allowedToDelegateTo: ['cifs/fs01'],
        },
        { kind: 'computer', samAccountName: 'FS01', servicePrincipalNames: ['cifs/fs01'] },
      ],
    });
    const run = (patched: boolean) => {
      const kdc = createKdc(dir, { patched });
      const web01 = value(asExchange(kdc, { client: 'WEB01$' })).ticket;
      const self = value(s4u2self(kdc, { serviceTgt: web01, user: 'admin' })).ticket;
      expect(ticketFlagsRecord(self).forwardable).toBe(false);
      const forged = value(tamperTicket(self, { forwardable: true })).ticket;
      return s4u2proxy(kdc, { serviceTgt: web01, evidence: forged, target: 'cifs/fs01' });
    };
    expect(refusal(run(true)).code).toBe('KRB_AP_ERR_MODIFIED');
    expect(run(false).ok).toBe(true);
  });

  it('docs/kerberos-delegation.md: protocol transition then RBCD gives alice a forwardable ticket to cifs/fs01', () => {
    const kdc = createKdc(
      directory({
        domains: [{ dnsName: 'corp.example' }],
        accounts: [
          { kind: 'user', samAccountName: 'alice' },
          { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01'] },
          {
            kind: 'computer',
            samAccountName: 'FS01',
            servicePrincipalNames: ['cifs/fs01'],
            principalsAllowedToDelegateToAccount: ['WEB01$'],
          },
        ],
      }),
    );
    const web01 = value(asExchange(kdc, { client: 'WEB01$' })).ticket;
    const self = value(s4u2self(kdc, { serviceTgt: web01, user: 'alice' })).ticket;
    const fs = value(s4u2proxy(kdc, { serviceTgt: web01, evidence: self, target: 'cifs/fs01' }));
    expect(ticketFlagsRecord(fs.ticket).forwardable).toBe(true);
    expect(fs.ticket.pac.delegationInfo?.transitedServices).toEqual(['HTTP/web01@CORP.EXAMPLE']);
    expect(fs.explanation.map((s) => s.rule)).toContain('s4u2proxy.rbcd-allowed');
  });
});
