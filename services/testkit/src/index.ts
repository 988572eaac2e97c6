export { childEnv } from './child-env.js';
export { now, sleep, waitFor } from './clock.js';
export { describeMachine, machineInfo, type MachineInfo } from './machine-info.js';
export { replaceMarkedSection, sectionMarkers } from './marked-section.js';
export { scrapeMetric, scrapeMetricSum } from './scrape-metric.js';
export { serviceEntry } from './service-entry.js';
export { ServiceProcess, type Exit, type ServiceSpec } from './service-process.js';
export { median, pairedRatio, quantile } from './stats.js';
