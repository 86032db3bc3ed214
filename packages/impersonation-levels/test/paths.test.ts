import { OBJECT_TYPES, sddl } from '@doublehop/core-token';
import {
  type ConnectionEvent,
  connectionMachine,
  type ThreadEvent,
  threadMachine,
} from '@doublehop/impersonation-levels';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, initialTransition, transition } from 'xstate';
import { BILLY, billyNetwork, builtin, client, corpLsa, serviceToken } from './fixtures.js';

// STYLE.md "enumerate paths with @xstate/graph to show every state and transition is reached": the adjacency
// map explores every (state, event) pair from sample events; each step is matched to the transition xstate
// took (getTransitionData), and every transition of the definition must appear. getShortestPaths then gives
// one generated test per reachable state, replayed through the pure transition().

interface Node {
  readonly id: string;
  readonly states: Readonly<Record<string, Node>>;
  readonly transitions: ReadonlyMap<string, readonly object[]>;
}

function allNodes(node: Node): Node[] {
  return [node, ...Object.values(node.states).flatMap(allNodes)];
}

function coverage(machine: AnyStateMachine, steps: readonly { state: never; event: never }[]) {
  const nodes = allNodes(machine.root as unknown as Node);
  const all = new Set(nodes.flatMap((n) => [...n.transitions.values()].flat()));
  const taken = new Set<object>();
  for (const { state, event } of steps) for (const t of machine.getTransitionData(state, event)) taken.add(t);
  const leaves = nodes
    .filter((n) => Object.keys(n.states).length === 0 && n.id !== machine.id)
    .map((n) => n.id);
  return { all, taken, leaves };
}

function check(
  machine: AnyStateMachine,
  events: readonly object[],
  serializeState: (s: never) => string,
  input?: unknown,
) {
  const options = { events: events as never, serializeState, ...(input === undefined ? {} : { input }) };
  const adjacency = adjacencyMapToArray(getAdjacencyMap(machine, options as never));
  const { all, taken, leaves } = coverage(machine, adjacency as never);
  const missing = [...all].filter((t) => !taken.has(t)).map((t) => (t as { toJSON: () => unknown }).toJSON());
  expect(missing).toEqual([]);
  const reached = new Set(
    adjacency.flatMap(({ nextState }) => (nextState as { _nodes: { id: string }[] })._nodes.map((n) => n.id)),
  );
  expect(leaves.filter((id) => !reached.has(id))).toEqual([]);
  const paths = getShortestPaths(machine, options as never);
  expect(paths.length).toBeGreaterThan(leaves.length);
  for (const path of paths) {
    let [s] = input === undefined ? initialTransition(machine) : initialTransition(machine, input as never);
    for (const step of path.steps.slice(1)) [s] = transition(machine, s, step.event as never);
    expect(serializeState(s as never)).toBe(serializeState(path.state as never));
  }
  return { transitions: all.size, paths: paths.length, edges: adjacency.length };
}

describe('path coverage (@xstate/graph)', () => {
  it('connectionMachine: every state and every transition', () => {
    const requests: ConnectionEvent[] = [
      {
        type: 'client.request',
        request: { api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_ANONYMOUS' },
        local: true,
      },
      { type: 'client.request', request: { api: 'sspi', flags: ['ISC_REQ_IDENTIFY'] } },
      { type: 'client.request', request: { api: 'sspi', flags: [] } },
      {
        type: 'client.request',
        request: { api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] },
      },
      {
        type: 'client.request',
        request: { api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_DELEGATE' },
        local: true,
      },
    ];
    const handshakes: ConnectionEvent[] = [
      { type: 'connection.authenticate', protocol: 'anonymous' },
      { type: 'connection.authenticate', protocol: 'basic' },
      { type: 'connection.authenticate', protocol: 'ntlm' },
      { type: 'connection.authenticate', protocol: 'kerberos', okAsDelegate: true },
      { type: 'connection.authenticate', protocol: 'kerberos' },
    ];
    const impersonations: ConnectionEvent[] = [
      { type: 'server.impersonate', server: serviceToken(true) },
      { type: 'server.impersonate', server: serviceToken(false) },
    ];
    const serialize = (s: {
      value: unknown;
      context: { phase: string; local: boolean; reasons: readonly { code: string }[] };
    }) => JSON.stringify([s.value, s.context.phase, s.context.local, s.context.reasons.map((r) => r.code)]);
    const r = check(connectionMachine, [...requests, ...handshakes, ...impersonations], serialize as never);
    expect(r.transitions).toBe(24);
  });

  it('threadMachine: every state and every transition', () => {
    const lsa = corpLsa();
    const delegated = billyNetwork(lsa, { kind: 'kerberos', delegatedTgt: true });
    const file = sddl(`O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;${BILLY.text})`);
    const events: ThreadEvent[] = [
      { type: 'thread.impersonate', token: client('Anonymous') },
      { type: 'thread.impersonate', token: client('Identification') },
      { type: 'thread.impersonate', token: client('Impersonation') },
      { type: 'thread.impersonate', token: delegated.token, session: delegated },
      ...(['Anonymous', 'Identification', 'Impersonation', 'Delegation'] as const).map(
        (level): ThreadEvent => ({ type: 'token.duplicate', level }),
      ),
      { type: 'thread.revert' },
      {
        type: 'object.open',
        securityDescriptor: file,
        desiredAccess: OBJECT_TYPES.file.rights['FILE_READ_DATA'] ?? 1,
      },
      { type: 'ticket.obtain', service: 'cifs/fs01' },
      { type: 'remote.connect', service: 'cifs/fs01' },
    ];
    const serialize = (s: {
      value: unknown;
      context: {
        impersonation: { token: { impersonationLevel: string }; tickets: readonly string[] } | null;
      };
    }) =>
      JSON.stringify([
        s.value,
        s.context.impersonation?.token.impersonationLevel ?? null,
        s.context.impersonation?.tickets ?? [],
      ]);
    const r = check(threadMachine, events, serialize as never, { session: builtin(lsa, 0x3e7) });
    expect(r.transitions).toBe(15);
  });
});
