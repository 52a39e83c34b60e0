/**
 * DingTalk (钉钉) notifiers: work notices from an internal application and custom group robots,
 * with the robot signature (加签) and its verification for receivers.
 *
 * @example
 * ```ts
 * import { DingTalkNotifier, DingTalkRobotNotifier } from '@switchboard/adapters/dingtalk';
 * ```
 *
 * @packageDocumentation
 */
export { DingTalkNotifier } from './client.js';
export type { DingTalkNotifierOptions } from './client.js';
export { DingTalkRobotNotifier } from './robot.js';
export type { DingTalkRobotNotifierOptions } from './robot.js';
export { signDingTalkRobot, verifyDingTalkSignature } from './robot-signature.js';
export type { DingTalkSignatureInput } from './robot-signature.js';
