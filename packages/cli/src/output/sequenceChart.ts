/** @internal A participant of a sequence diagram: an id (letters, digits, `_`) and what it is shown as. */
export interface ChartParticipant {
  /** The id messages refer to (`[A-Za-z][A-Za-z0-9_]*`). */
  readonly id: string;
  /** The label shown in the box. */
  readonly label: string;
  /** A person (drawn as an actor) or a system. */
  readonly actor?: boolean;
}

/** @internal One event of a sequence diagram. */
export type ChartEvent =
  | {
      /** A message from one participant to another (or itself). */
      readonly kind: 'message';
      /** The sender's id. */
      readonly from: string;
      /** The receiver's id. */
      readonly to: string;
      /** The text on the arrow; lines separated by `\n`. */
      readonly text: string;
      /** `request` (solid), `reply` (dashed), `refused` (solid with a cross). */
      readonly style: 'request' | 'reply' | 'refused';
    }
  | {
      /** A note over one or two participants. */
      readonly kind: 'note';
      /** One or two participant ids. */
      readonly over: readonly [string] | readonly [string, string];
      /** The text; lines separated by `\n`. */
      readonly text: string;
    }
  | {
      /** A labelled block (`rect`-less `opt`/`critical` in Mermaid): a hop's exchanges. */
      readonly kind: 'block';
      /** `opt` (a part that may not happen) or `critical`. */
      readonly type: 'opt' | 'critical' | 'break';
      /** The block's label. */
      readonly label: string;
      /** What happens inside. */
      readonly events: readonly ChartEvent[];
    };

/** @internal A sequence diagram: participants in order, then events. */
export interface SequenceChart {
  /** Participants, left to right. */
  readonly participants: readonly ChartParticipant[];
  /** Events, top to bottom. */
  readonly events: readonly ChartEvent[];
}
