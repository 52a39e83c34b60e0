import type { Catalog } from '../../i18n/locale-state.js';

const en = {
  visualIvr: {
    title: 'How can we help?',
    noFlow: 'No menu to show.',
    flowFailed: 'This menu could not be loaded.',
    menuLabel: 'Choose an option',
    option: (key: string) => `Option ${key}`,
    youChose: (choice: string) => `You: ${choice}`,
    audioPrompt: '(recorded message)',
    callbackAt: (number: string) => `We will call you back at ${number}.`,
    enterDigits: 'Enter the digits',
    enterAnswer: 'Your answer',
    send: 'Send',
    restart: 'Start again',
    transferredTo: (target: string) => `Transferring you to ${target}.`,
    enqueueFailed: 'We could not connect you to an agent. Please try again.',
    outcome: {
      enqueued: 'Connecting you to an agent…',
      transferred: 'Transferring you…',
      voicemail: 'Please leave a message.',
      hangup: 'Thank you. Goodbye.',
      'caller-hangup': 'You left the menu.',
      error: 'Something went wrong in this menu.',
    },
  },
};

/** The strings of `sb-visual-ivr`. */
export type VisualIvrMessages = typeof en;

/** `sb-visual-ivr`'s catalog: English (the source) and Simplified Chinese. */
export const visualIvrMessages: Catalog<VisualIvrMessages> = {
  en,
  'zh-CN': {
    visualIvr: {
      title: '请问需要什么帮助？',
      noFlow: '没有可显示的菜单。',
      flowFailed: '无法加载此菜单。',
      menuLabel: '请选择一个选项',
      option: (key) => `选项 ${key}`,
      youChose: (choice) => `您：${choice}`,
      audioPrompt: '（录音提示）',
      callbackAt: (number) => `我们将回拨您的号码 ${number}。`,
      enterDigits: '请输入数字',
      enterAnswer: '您的回答',
      send: '发送',
      restart: '重新开始',
      transferredTo: (target) => `正在为您转接至 ${target}。`,
      enqueueFailed: '无法为您接通坐席，请重试。',
      outcome: {
        enqueued: '正在为您接通坐席…',
        transferred: '正在为您转接…',
        voicemail: '请留言。',
        hangup: '谢谢，再见。',
        'caller-hangup': '您已离开菜单。',
        error: '此菜单出现问题。',
      },
    },
  },
};
