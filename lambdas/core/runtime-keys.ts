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

const RUNTIME_KEY_TYPES: ReadonlyMap<string, ValueType> = new Map(Object.entries(RUNTIME_KEYS));

/** The built-in type of a reserved `runtime.*` key; undefined for any other key (`constructor` included). */
export const runtimeKeyType = (key: string): ValueType | undefined => RUNTIME_KEY_TYPES.get(key);
