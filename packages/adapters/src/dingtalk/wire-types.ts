// DingTalk (钉钉) open platform wire types, written by hand from the documented shapes
// (open.dingtalk.com: 获取企业内部应用的access_token (oapi gettoken), 发送工作通知
// (topapi/message/corpconversation/asyncsend_v2), 自定义机器人发送群消息 (robot/send, 加签),
// 错误码). DingTalk publishes no OpenAPI document for these oapi endpoints. Only the fields used
// are listed.

/** Every answer carries these; `errcode` 0 is success (HTTP status is 200 either way). @internal */
export interface DingTalkResult {
  errcode: number;
  errmsg: string;
}

/** `GET /gettoken?appkey=…&appsecret=…`. @internal */
export interface DingTalkTokenResult extends DingTalkResult {
  access_token?: string;
  /** Seconds (7200). */
  expires_in?: number;
}

/** A work notice (`POST /topapi/message/corpconversation/asyncsend_v2?access_token=…`). @internal */
export interface DingTalkWorkNotice {
  agent_id: number;
  /** Comma-separated user ids (at most 100). */
  userid_list: string;
  msg: { msgtype: 'text'; text: { content: string } };
}

/** The answer to `asyncsend_v2`. @internal */
export interface DingTalkSendResult extends DingTalkResult {
  task_id?: number;
  request_id?: string;
}

/** A custom robot message (`POST /robot/send?access_token=…&timestamp=…&sign=…`). @internal */
export interface DingTalkRobotMessage {
  msgtype: 'text';
  text: { content: string };
  at: { atUserIds: string[]; isAtAll: false };
}
