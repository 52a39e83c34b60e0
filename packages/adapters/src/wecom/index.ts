/**
 * WeCom (Enterprise WeChat, 企业微信) notifiers: application messages (work notices) and group
 * robots.
 *
 * @example
 * ```ts
 * import { WeComNotifier, WeComRobotNotifier } from '@switchboard/adapters/wecom';
 * ```
 *
 * @packageDocumentation
 */
export { WeComNotifier } from './client.js';
export type { WeComNotifierOptions } from './client.js';
export { WeComRobotNotifier } from './robot.js';
export type { WeComRobotNotifierOptions } from './robot.js';
