import type { Catalog } from '../../i18n/locale-state.js';

// The words of the idle softphone (status, dialer, keypad) and of its announcements. The words of
// calls, transfers and devices load with their views (softphone-views.messages.ts).
const en = {
  label: 'Softphone',
  noPhone: 'No phone connected.',
  phoneStatus: {
    idle: 'Offline',
    connecting: 'Connecting…',
    registered: 'Ready for calls',
    connected: 'Online, not taking calls',
    reconnecting: 'Connection lost, reconnecting…',
    failed: 'Phone unavailable',
    stopped: 'Offline',
  },
  phoneError: {
    SIP_REGISTRATION_FAILED: 'The phone server refused the sign-in.',
    SIP_TRANSPORT_UNREACHABLE: 'The phone server cannot be reached.',
    SIP_STACK_UNAVAILABLE: 'The phone could not load.',
    SIP_INVALID_CONFIG: 'The phone settings are not valid.',
  },
  phoneErrorOther: 'The phone reported a problem.',
  unknownCaller: 'Unknown caller',
  incoming: (caller: string) => `Incoming call from ${caller}`,
  numberLabel: 'Number or SIP address',
  dial: 'Call',
  keypadLabel: 'Keypad',
  keypadTonesLabel: 'Keypad, sends tones to the call',
  dialError: {
    empty: 'Enter a number or a SIP address.',
    'too-long': 'This is too long for a number or a SIP address.',
    invalid: 'This is not a valid number or SIP address.',
  },
  notOnline: 'The phone is not online.',
  actionFailed: 'That did not work. Please try again.',
  callEnded: (caller: string) => `Call with ${caller} ended`,
};

/** The strings of `sb-softphone` before any call (the call views bring their own). */
export type SoftphoneMessages = typeof en;

/** `sb-softphone`'s strings in every shipped locale (the type makes zh-CN complete). */
export const softphoneMessages: Catalog<SoftphoneMessages> = {
  en,
  'zh-CN': {
    label: '软电话',
    noPhone: '未连接电话。',
    phoneStatus: {
      idle: '离线',
      connecting: '正在连接…',
      registered: '可以接打电话',
      connected: '在线，不接听来电',
      reconnecting: '连接中断，正在重新连接…',
      failed: '电话不可用',
      stopped: '离线',
    },
    phoneError: {
      SIP_REGISTRATION_FAILED: '电话服务器拒绝了登录。',
      SIP_TRANSPORT_UNREACHABLE: '无法连接电话服务器。',
      SIP_STACK_UNAVAILABLE: '电话无法加载。',
      SIP_INVALID_CONFIG: '电话设置无效。',
    },
    phoneErrorOther: '电话报告了一个问题。',
    unknownCaller: '未知来电者',
    incoming: (caller) => `${caller} 来电`,
    numberLabel: '号码或 SIP 地址',
    dial: '呼叫',
    keypadLabel: '拨号键盘',
    keypadTonesLabel: '拨号键盘，向通话发送按键音',
    dialError: {
      empty: '请输入号码或 SIP 地址。',
      'too-long': '号码或 SIP 地址过长。',
      invalid: '这不是有效的号码或 SIP 地址。',
    },
    notOnline: '电话未在线。',
    actionFailed: '操作未成功，请重试。',
    callEnded: (caller) => `与 ${caller} 的通话已结束`,
  },
};
