// Shared: time, events, wire (client helper)
export {
  type CancelTimer,
  EngineTime,
  type EngineTimeOptions,
  InvalidTimeScaleError,
  type ManualTimerClock,
  manualTimerClock,
  OperationAbortedError,
  realClock,
  type TimerClock,
} from './time.js';
export {
  type DhcpMessageEvent,
  type EngineEvent,
  EventHub,
  type EventListener,
  type EventSource,
  messageEvent,
  type Unsubscribe,
} from './events.js';
export * from './wire.js';
