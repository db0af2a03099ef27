export { Configuration } from './configuration';
