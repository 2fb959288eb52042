import type { ValueType } from './values/types';

/** The reserved `runtime.*` keys and their built-in types (spec section 3). */
export const RUNTIME_KEYS: Readonly<Record<string, ValueType>> = {
  'runtime.replicas': 'int',
  'runtime.cpu': 'cpu',
  'runtime.cpu.limit': 'cpu',
  'runtime.memory': 'bytes',
  'runtime.memory.limit': 'bytes',
  'runtime.autoscaling.enabled': 'bool',
  'runtime.autoscaling.min': 'int',
  'runtime.autoscaling.max': 'int',
};
