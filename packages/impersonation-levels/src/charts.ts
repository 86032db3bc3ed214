import { stateChart } from './chart.js';
import { connectionMachine } from './connection/connectionMachine.js';
import { threadMachine } from './thread/threadMachine.js';

/**
 * {@link connectionMachine}'s chart as Mermaid `stateDiagram-v2` text, generated from the machine.
 *
 * @example
 * ```ts
 * import { connectionChart } from '@doublehop/impersonation-levels';
 *
 * connectionChart.includes('delegation --> impersonation : connection.authenticate [awaitingAuthentication]'); // true
 * ```
 * @see {@link stateChart}
 */
export const connectionChart: string = stateChart(connectionMachine);

/**
 * {@link threadMachine}'s chart as Mermaid `stateDiagram-v2` text, generated from the machine.
 *
 * @example
 * ```ts
 * import { threadChart } from '@doublehop/impersonation-levels';
 *
 * threadChart.includes('state client {'); // true
 * ```
 * @see {@link stateChart}
 */
export const threadChart: string = stateChart(threadMachine);
