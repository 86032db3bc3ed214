// The estate benchmark's generated estate: `services` services, five per server, in call chains of four (KCD from
// most tiers to the next, RBCD on one tier in twelve, unconstrained delegation on one account in 500), `users` users
// of whom one in eight is sensitive, and 200 four-hop flows. As an EstateModel for the library and as a model file
// (the same estate, keyed by name) for the CLI.

/** The estate as an `EstateModel`. */
export function servicesEstate(services, users) {
  const accounts = [];
  for (let u = 0; u < users; u++) {
    accounts.push({ kind: 'user', samAccountName: `u${u}`, accountNotDelegated: u % 8 === 7 });
  }
  const spn = (i) => `HTTP/s${i}.corp.example`;
  const svc = [];
  for (let i = 0; i < services; i++) {
    const next = i % 4 === 3 ? null : i + 1;
    accounts.push({
      kind: 'user',
      samAccountName: `svc${i}`,
      servicePrincipalNames: [spn(i), ...(i % 97 === 0 ? [spn(i + 1)] : [])],
      ...(next !== null && i % 3 !== 2 ? { allowedToDelegateTo: [spn(next)] } : {}),
      ...(i % 500 === 0 ? { trustedForDelegation: true } : {}),
      ...(i % 4 !== 0 && i % 3 === 0 ? { principalsAllowedToDelegateToAccount: [`svc${i - 1}`] } : {}),
    });
    svc.push({
      name: `s${i}`,
      machine: `S${Math.floor(i / 5)}`,
      runsAs: `CORP\\svc${i}`,
      endpoint: { serviceClass: 'HTTP', host: `s${i}.corp.example` },
      authentication: ['negotiate'],
      calls: next === null ? [] : [{ service: `s${next}` }],
    });
  }
  const machines = [{ name: 'WS01', domain: 'corp.example', role: 'workstation' }];
  for (let m = 0; m < Math.ceil(services / 5); m++) machines.push({ name: `S${m}`, domain: 'corp.example' });
  const flows = [];
  for (let f = 0; f < 200; f++) {
    const start = ((f * 97) % (services / 4)) * 4;
    flows.push({
      name: `f${f}`,
      user: `u${(f * 31) % users}`,
      start: { machine: 'WS01' },
      path: [0, 1, 2, 3].map((k) => `s${start + k}`),
    });
  }
  const domain = { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' };
  return { domains: [domain], accounts, machines, services: svc, flows };
}

/** The same estate as a model file document (write it as YAML or JSON), with an assertion per tenth flow. */
export function servicesModelFile(services, users) {
  const e = servicesEstate(services, users);
  const strip = (o, ...keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
  return {
    domains: { 'corp.example': { netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' } },
    accounts: Object.fromEntries(
      e.accounts.map((a) => [
        a.samAccountName,
        strip(a, 'kind', 'samAccountName', ...(a.accountNotDelegated ? [] : ['accountNotDelegated'])),
      ]),
    ),
    machines: Object.fromEntries(
      e.machines.map((m) => [m.name, m.role === undefined ? {} : { role: m.role }]),
    ),
    services: Object.fromEntries(
      e.services.map((s) => [s.name, strip(s, 'name', ...(s.calls.length === 0 ? ['calls'] : []))]),
    ),
    flows: Object.fromEntries(e.flows.map((f) => [f.name, strip(f, 'name')])),
    assertions: e.flows
      .filter((_, i) => i % 10 === 0)
      .map((f) => ({ reaches: { flow: f.name, service: f.path[f.path.length - 1] } })),
  };
}
