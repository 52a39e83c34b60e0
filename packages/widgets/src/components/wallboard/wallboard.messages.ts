import type { Catalog } from '../../i18n/locale-state.js';

// The board's own words, including the four states of the center it shares with other elements:
// importing the shared catalog for them would bundle its forty other words in both locales.
const en = {
  loading: 'Loading…',
  loadFailed: 'Could not load the latest data.',
  noCenter: 'No contact center connected.',
  notAvailable: '—',
  wallboard: {
    label: 'Wallboard',
    title: 'Contact center',
    metric: {
      answerRate: 'Answer rate',
      serviceLevel: 'Service level',
      asaSeconds: 'Average speed of answer',
      ahtSeconds: 'Average handle time',
      abandonRate: 'Abandonment',
      csat: 'CSAT',
    },
    windowLabel: (minutes: string) => `Last ${minutes} min`,
    today: (value: string) => `Today: ${value}`,
    targetAtLeast: (value: string) => `Target ≥ ${value}`,
    targetAtMost: (value: string) => `Target ≤ ${value}`,
    missed: 'missed',
    chartSummary: (
      metric: string,
      from: string,
      to: string,
      latest: string,
      low: string,
      high: string,
    ) => `${metric} from ${from} to ${to}: latest ${latest}, low ${low}, high ${high}`,
    chartNoData: (metric: string) => `${metric}: no data yet`,
    showData: 'Show data',
    hideData: 'Hide data',
    colInterval: 'Interval',
    colValue: 'Value',
    interval: (from: string, to: string) => `${from}–${to}`,
    alert: (metric: string, value: string, target: string) =>
      `${metric} is ${value}, missing its target of ${target}`,
  },
};

/** The strings of `sb-wallboard`. */
export type WallboardMessages = typeof en;

/** `sb-wallboard`'s strings in every shipped locale. */
export const wallboardMessages: Catalog<WallboardMessages> = {
  en,
  'zh-CN': {
    loading: '加载中…',
    loadFailed: '无法加载最新数据。',
    noCenter: '未连接联络中心。',
    notAvailable: '—',
    wallboard: {
      label: '数据看板',
      title: '联络中心',
      metric: {
        answerRate: '接通率',
        serviceLevel: '服务水平',
        asaSeconds: '平均应答速度',
        ahtSeconds: '平均处理时长',
        abandonRate: '放弃率',
        csat: '客户满意度',
      },
      windowLabel: (minutes) => `最近 ${minutes} 分钟`,
      today: (value) => `今日：${value}`,
      targetAtLeast: (value) => `目标 ≥ ${value}`,
      targetAtMost: (value) => `目标 ≤ ${value}`,
      missed: '未达标',
      chartSummary: (metric, from, to, latest, low, high) =>
        `${metric}，${from} 至 ${to}：最新 ${latest}，最低 ${low}，最高 ${high}`,
      chartNoData: (metric) => `${metric}：暂无数据`,
      showData: '显示数据',
      hideData: '隐藏数据',
      colInterval: '时段',
      colValue: '数值',
      interval: (from, to) => `${from}–${to}`,
      alert: (metric, value, target) => `${metric}为 ${value}，未达到目标 ${target}`,
    },
  },
};
