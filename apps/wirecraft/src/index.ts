export { KeyValue } from './components/key-value.js';
