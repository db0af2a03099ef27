export { EventLog, EventLogButton } from './event-log';
